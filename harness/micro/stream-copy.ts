/**
 * The machine's memory bandwidth, measured the way STREAM's Copy kernel does (McCalpin, STREAM:
 * `c[j] = a[j]` over arrays far larger than the caches, best of several passes, bytes counted
 * as 2 x array size: one read, one write, no write-allocate traffic). In JavaScript the copy is
 * `Float64Array.prototype.set`, which V8 lowers to memcpy: the host's bandwidth for one thread,
 * which is what a single-stream decode step on the CPU can draw on.
 *
 * Used for the bandwidth floor of decode (a decode step reads every weight and the whole KV
 * cache once, so TPOT >= bytes per token / bandwidth) and by the micro suite's `streamCopy` op.
 */
import { realClock } from '../measure/clock.js';
import type { Clock } from '../types.js';

export interface CopyBandwidth {
  /** Best pass, GB/s (1e9 bytes). */
  gbPerS: number;
  /** Bytes of one array (each pass moves twice this). */
  arrayBytes: number;
  passes: number;
  bestNs: number;
  method: string;
}

/** Measures copy bandwidth: `passes` copies of an `arrayMiB` array after one untimed pass. */
export function measureCopyBandwidth(options: { arrayMiB?: number; passes?: number; clock?: Clock } = {}): CopyBandwidth {
  const arrayMiB = options.arrayMiB ?? 128;
  const passes = options.passes ?? 5;
  const clock = options.clock ?? realClock;
  const n = (arrayMiB * 1024 * 1024) / 8;
  const a = new Float64Array(n).fill(1);
  const c = new Float64Array(n);
  c.set(a); // first touch: page faults are not bandwidth
  let bestNs = Infinity;
  for (let i = 0; i < passes; i++) {
    a[i] = i; // keep the copy observable
    const t0 = clock.nowNs();
    c.set(a);
    const ns = Number(clock.nowNs() - t0);
    if (ns < bestNs) bestNs = ns;
  }
  if (c[0] !== a[0]) throw new Error('stream copy: the copy did not happen');
  const arrayBytes = n * 8;
  return { gbPerS: (2 * arrayBytes) / bestNs, arrayBytes, passes, bestNs, method: `STREAM-like copy (Float64Array.set, ${arrayMiB} MiB, best of ${passes}, 2 x bytes counted)` };
}
