/**
 * A precision's measured error: a runtime's outputs against the float64 reference over N
 * samples, per output and pooled. Pure (no runtime, no I/O).
 *
 * Per output: max and mean absolute error; max and mean relative error, |a - r| / max(|r|, RMS(r))
 * (an element near zero is judged on the output's scale, not divided by ~0); `normalizedMax`,
 * max |a - r| / RMS(r), the figure the precision's bound (precisionErrorBound) is stated in; and
 * top-1 agreement, the share of rows (the last axis) whose argmax matches the reference's.
 * Softmax outputs are compared as centred logits (models/parity.ts centredLogits), so small
 * probabilities are not squashed; their top-1 is the same either way.
 */
import { bfloat16ToNumber, float16ToNumber } from '../../inputs/half-float.js';
import type { Feeds, Tensor } from '../../types.js';
import { centredLogits } from '../parity.js';

export interface OutputError {
  name: string;
  maxAbsError: number;
  meanAbsError: number;
  maxRelError: number;
  meanRelError: number;
  /** max |a - r| / RMS(r). */
  normalizedMax: number;
  rms: number;
  /** Rows (last axis) whose argmax agrees with the reference's, over all samples. */
  top1Agree: number;
  rows: number;
  compared: 'values' | 'logits';
}

function values(t: Tensor): ArrayLike<number> {
  if (t.data instanceof BigInt64Array) return Array.from(t.data, Number);
  if (t.dtype === 'float16') return Array.from(t.data as Uint16Array, float16ToNumber);
  if (t.dtype === 'bfloat16') return Array.from(t.data as Uint16Array, bfloat16ToNumber);
  return t.data as ArrayLike<number>;
}

const argmax = (v: ArrayLike<number>, start: number, n: number) => {
  let best = start;
  for (let i = start + 1; i < start + n; i++) if (v[i]! > v[best]!) best = i;
  return best - start;
};

/**
 * Accumulates errors over samples: `add(reference, actual)` per sample, then `result()`.
 * `softmaxOutputs` are compared as centred logits.
 */
export class PrecisionErrorMeter {
  private readonly acc = new Map<
    string,
    {
      maxAbs: number;
      sumAbs: number;
      maxRel: number;
      sumRel: number;
      n: number;
      sq: number;
      agree: number;
      rows: number;
      logits: boolean;
    }
  >();
  constructor(private readonly softmaxOutputs: ReadonlySet<string> = new Set()) {}

  add(reference: Feeds, actual: Feeds): void {
    for (const [name, r] of Object.entries(reference)) {
      const a = actual[name];
      if (!a || Array.isArray(r.data) || Array.isArray(a.data)) continue;
      const row = Number(r.dims[r.dims.length - 1] ?? 1) || 1;
      const logits = this.softmaxOutputs.has(name);
      const rv = logits ? centredLogits(values(r), row) : values(r);
      const av = logits ? centredLogits(values(a), row) : values(a);
      let sq = 0;
      for (let i = 0; i < rv.length; i++) sq += rv[i]! ** 2;
      const rms = Math.sqrt(sq / Math.max(1, rv.length));
      const s = this.acc.get(name) ?? {
        maxAbs: 0,
        sumAbs: 0,
        maxRel: 0,
        sumRel: 0,
        n: 0,
        sq: 0,
        agree: 0,
        rows: 0,
        logits,
      };
      for (let i = 0; i < rv.length; i++) {
        const d = Math.abs(av[i]! - rv[i]!);
        const rel = d / Math.max(Math.abs(rv[i]!), rms, Number.MIN_VALUE);
        s.maxAbs = Math.max(s.maxAbs, d);
        s.maxRel = Math.max(s.maxRel, rel);
        s.sumAbs += d;
        s.sumRel += rel;
      }
      s.n += rv.length;
      s.sq += sq;
      for (let start = 0; start + row <= rv.length; start += row) {
        s.rows++;
        if (argmax(rv, start, row) === argmax(av, start, row)) s.agree++;
      }
      this.acc.set(name, s);
    }
  }

  result(): OutputError[] {
    return [...this.acc].map(([name, s]) => {
      const rms = Math.sqrt(s.sq / Math.max(1, s.n));
      return {
        name,
        maxAbsError: s.maxAbs,
        meanAbsError: s.sumAbs / Math.max(1, s.n),
        maxRelError: s.maxRel,
        meanRelError: s.sumRel / Math.max(1, s.n),
        normalizedMax: rms > 0 ? s.maxAbs / rms : s.maxAbs,
        rms,
        top1Agree: s.rows ? s.agree / s.rows : 1,
        rows: s.rows,
        compared: s.logits ? 'logits' : 'values',
      };
    });
  }
}
