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
export function measureCopyBandwidth(
  options: { arrayMiB?: number; passes?: number; clock?: Clock } = {},
): CopyBandwidth {
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
  return {
    gbPerS: (2 * arrayBytes) / bestNs,
    arrayBytes,
    passes,
    bestNs,
    method: `STREAM-like copy (Float64Array.set, ${arrayMiB} MiB, best of ${passes}, 2 x bytes counted)`,
  };
}

/**
 * The micro suite's `streamCopy` job: the copy bandwidth of the job's host, whatever the runtime
 * (the row sits under one runtime only; its options say the runtime is not used). Metric GB/s
 * of the best pass, as STREAM reports it.
 */
export function streamCopyOutcome(params: Record<string, number>) {
  const arrayMiB = params.mib ?? 128;
  const passes = params.passes ?? 10;
  const r = measureCopyBandwidth({ arrayMiB, passes });
  const bytes = 2 * r.arrayBytes;
  return {
    status: 'ok' as const,
    runtimeInfo: {
      version: null,
      threads: 1,
      options: {
        measured: 'host memory bandwidth with Float64Array.set (memcpy) in the job process; the runtime is not used',
        method: r.method,
      },
    },
    latencyNs: {
      min: r.bestNs,
      p50: r.bestNs,
      p90: r.bestNs,
      p95: r.bestNs,
      p97: r.bestNs,
      p99: r.bestNs,
      p999: r.bestNs,
      max: r.bestNs,
      mean: r.bestNs,
    },
    queryCount: passes,
    metric: { name: 'copy GB/s (best pass, STREAM counting)', value: r.gbPerS, unit: 'GB/s' },
    achievedGBPerS: r.gbPerS,
    micro: {
      op: 'streamCopy',
      params: { mib: arrayMiB, passes },
      label: `${arrayMiB}MiB`,
      bound: 'memory' as const,
      bytes,
    },
  };
}
