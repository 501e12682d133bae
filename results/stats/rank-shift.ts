/**
 * The compare gate's one estimand: the Hodges–Lehmann shift of log run values, with its exact
 * rank-based (Moses) confidence interval and the Mann–Whitney (Wilcoxon rank-sum) test it is the
 * inversion of (Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., §4.2–4.3).
 *
 * - Estimate: the median of the nA·nB pairwise differences log b_j − log a_i; the ratio is its exp.
 * - Interval: [d_(k), d_(nA·nB+1−k)] of the sorted differences, k the largest integer with
 *   P(U ≤ k−1) ≤ (1 − level)/2 under no change; distribution-free, and the estimate (a median of
 *   the same differences) always lies inside it.
 * - Test: the exact two-sided Mann–Whitney p-value of U = #{b_j > a_i} + ½·#{ties}; it rejects at
 *   level 1 − `level` exactly when the interval excludes 0 (the duality of the two, no ties).
 * One run that a scheduler pre-empted moves at most nB of the nA·nB differences, so it moves the
 * estimate by at most a few order statistics and cannot blow up the interval (unlike a mean and a
 * t interval). The exact null distribution of U is the coefficient list of the Gaussian binomial
 * coefficient [nA+nB choose nA]_q; above EXACT_MAX_RUNS runs in all, the normal approximation.
 */
import jstat from 'jstat';

/** Largest nA + nB for the exact null distribution of U (C(60, 30) ≈ 1.2e17 stays exact in doubles to ~1e-16 relative). */
export const EXACT_MAX_RUNS = 60;

export interface RankShift {
  /** exp(Hodges–Lehmann shift of the logs): candidate / baseline. */
  ratio: number;
  /** The rank CI of the ratio at `level`; null when these n cannot give one (e.g. 3 runs a side at 95%). */
  low: number | null;
  high: number | null;
  level: number;
  /** Exact (or, above EXACT_MAX_RUNS, normal-approximation) two-sided Mann–Whitney p-value. */
  pValue: number;
  method: 'exact' | 'normal';
}

function logs(values: readonly number[]): number[] {
  for (const v of values)
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`rank statistics need positive values, got ${v}`);
  return values.map(Math.log);
}

/** Null distribution of U as probabilities P(U = u), u = 0..nA·nB (no ties), exact. */
export function mannWhitneyNull(nA: number, nB: number): Float64Array {
  const max = nA * nB;
  // Gaussian binomial [nA+nB choose nB]_q = prod_{i=1..nB} (1 - q^{nA+i}) / (1 - q^i).
  let coef = new Float64Array(max + 1);
  coef[0] = 1;
  let degree = 0;
  for (let i = 1; i <= nB; i++) {
    const next = new Float64Array(max + 1);
    for (let u = 0; u <= degree; u++) {
      next[u]! += coef[u]!;
      if (u + nA + i <= max) next[u + nA + i]! -= coef[u]!;
    }
    degree = Math.min(max, degree + nA + i);
    for (let u = i; u <= degree; u++) next[u]! += next[u - i]!; // divide by (1 - q^i)
    degree -= i;
    coef = next;
  }
  const total = coef.reduce((s, c) => s + c, 0);
  return coef.map((c) => Math.max(0, c) / total);
}

const CDF_CACHE = new Map<string, Float64Array>();

/** P(U <= u) for u = 0..nA·nB, cached per (nA, nB) (the gate asks for the same few n many times). */
function nullCdf(nA: number, nB: number): Float64Array {
  const key = `${nA},${nB}`;
  let cdf = CDF_CACHE.get(key);
  if (!cdf) {
    const pmf = mannWhitneyNull(nA, nB);
    cdf = new Float64Array(pmf.length);
    let s = 0;
    pmf.forEach((p, u) => {
      s += p;
      cdf![u] = s;
    });
    CDF_CACHE.set(key, cdf);
  }
  return cdf;
}

/**
 * k of the rank CI: the largest k with P(U ≤ k−1) ≤ (1 − level)/2 (0 when none: no interval at these n).
 * Normal approximation above EXACT_MAX_RUNS.
 */
export function rankCiDepth(nA: number, nB: number, level: number): number {
  const tail = (1 - level) / 2;
  if (nA < 1 || nB < 1) return 0;
  if (nA + nB > EXACT_MAX_RUNS) {
    const mean = (nA * nB) / 2;
    const sd = Math.sqrt((nA * nB * (nA + nB + 1)) / 12);
    return Math.max(0, Math.floor(mean - jstat.jStat.normal.inv(1 - tail, 0, 1) * sd));
  }
  const cdf = nullCdf(nA, nB);
  let k = 0;
  while (k < cdf.length && cdf[k]! <= tail * (1 + 1e-12)) k++;
  return k;
}

/** Exact two-sided Mann–Whitney p-value of U (ties counted ½), or the normal approximation. */
function mannWhitneyP(u: number, nA: number, nB: number): { pValue: number; method: 'exact' | 'normal' } {
  if (nA + nB > EXACT_MAX_RUNS) {
    const mean = (nA * nB) / 2;
    const sd = Math.sqrt((nA * nB * (nA + nB + 1)) / 12);
    const z = Math.max(0, Math.abs(u - mean) - 0.5) / sd;
    return { pValue: Math.min(1, 2 * (1 - jstat.jStat.normal.cdf(z, 0, 1))), method: 'normal' };
  }
  const cdf = nullCdf(nA, nB);
  const at = (x: number) => (x < 0 ? 0 : cdf[Math.min(cdf.length - 1, x)]!);
  // Half-integer U (ties) is taken at the less extreme integer: conservative.
  const lower = at(Math.floor(u + 1e-9));
  const upper = 1 - at(Math.ceil(u - 1e-9) - 1);
  return { pValue: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
}

/** Two-sided Mann–Whitney test of raw values (any sign; e.g. accuracy per run). */
export function mannWhitneyTest(
  a: readonly number[],
  b: readonly number[],
): { pValue: number; method: 'exact' | 'normal' } {
  let u = 0;
  for (const x of a) for (const y of b) u += y > x ? 1 : y === x ? 0.5 : 0;
  return mannWhitneyP(u, a.length, b.length);
}

/** The Hodges–Lehmann ratio b / a of two sides' run values, its rank CI and its Mann–Whitney test. */
export function rankShift(a: readonly number[], b: readonly number[], level = 0.95): RankShift {
  if (a.length < 1 || b.length < 1) throw new RangeError('rankShift needs at least one run per side');
  const la = logs(a);
  const lb = logs(b);
  const diffs = new Float64Array(la.length * lb.length);
  let u = 0;
  let i = 0;
  for (const x of la)
    for (const y of lb) {
      diffs[i++] = y - x;
      u += y > x ? 1 : y === x ? 0.5 : 0;
    }
  diffs.sort();
  const m = diffs.length;
  const hl = m % 2 ? diffs[(m - 1) / 2]! : (diffs[m / 2 - 1]! + diffs[m / 2]!) / 2;
  const k = rankCiDepth(la.length, lb.length, level);
  const { pValue, method } = mannWhitneyP(u, la.length, lb.length);
  return {
    ratio: Math.exp(hl),
    low: k >= 1 ? Math.exp(diffs[k - 1]!) : null,
    high: k >= 1 ? Math.exp(diffs[m - k]!) : null,
    level,
    pValue,
    method,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/**
 * Robust run-to-run spread of log values, pooled over both sides: 1.4826 × the median absolute
 * deviation of each side's logs about its own median (≈ the CV for small spreads; one pre-empted
 * run does not move it). NaN with fewer than 2 runs on both sides.
 */
export function robustLogScale(a: readonly number[], b: readonly number[]): number {
  const dev = [a, b]
    .filter((s) => s.length >= 2)
    .flatMap((s) => {
      const l = logs(s);
      const c = median(l);
      return l.map((x) => Math.abs(x - c));
    });
  return dev.length ? 1.4826 * median(dev) : Number.NaN;
}

export interface PlanningInput {
  /** Robust log scale (robustLogScale). */
  scale: number;
  nA: number;
  nB: number;
  /** Level of the CI (two-sided 1 − alpha) and of the Holm family's first step (alpha / tests). */
  alpha: number;
  tests: number;
  /** Threshold as a fraction (0.02 = 2%). */
  threshold: number;
  power: number;
}

/**
 * Minimum detectable effect (a planning figure, never a filter), as a fraction: the smallest true
 * change that the rule "Holm-significant AND CI beyond 1 + threshold" calls a regression with
 * probability `power`, at this spread and n. The HL estimate's standard error is
 * scale·sqrt(π/3)·sqrt(1/nA + 1/nB) (its efficiency 3/π under normal noise); the CI's lower end
 * clears log(1 + threshold) with `power` when the true shift is log(1 + threshold) + (t(1 − α/2) + z(power))·se,
 * and the test clears the first Holm step when it is (t(1 − α/(2·tests)) + z(power))·se; the MDE
 * is the larger. Infinity when these n cannot give a CI or reach the Holm level at all.
 */
export function minimumDetectableShift(p: PlanningInput): number {
  if (p.nA < 2 || p.nB < 2 || !Number.isFinite(p.scale)) return Number.POSITIVE_INFINITY;
  const level = p.alpha / Math.max(1, p.tests);
  if (rankCiDepth(p.nA, p.nB, 1 - p.alpha) < 1 || rankCiDepth(p.nA, p.nB, 1 - level) < 1)
    return Number.POSITIVE_INFINITY;
  const df = p.nA + p.nB - 2;
  const se = p.scale * Math.sqrt(Math.PI / 3) * Math.sqrt(1 / p.nA + 1 / p.nB);
  const zPower = jstat.jStat.normal.inv(p.power, 0, 1);
  const viaCi = Math.log1p(p.threshold) + (jstat.jStat.studentt.inv(1 - p.alpha / 2, df) + zPower) * se;
  const viaTest = (jstat.jStat.studentt.inv(1 - level / 2, df) + zPower) * se;
  return Math.expm1(Math.max(viaCi, viaTest));
}

/**
 * Runs per side (equal sides, at most `max`) at which the MDE reaches `target` (e.g. twice the
 * threshold); null when none does.
 */
export function runsForShift(p: Omit<PlanningInput, 'nA' | 'nB'>, target: number, max = 200): number | null {
  for (let n = 2; n <= max; n++) if (minimumDetectableShift({ ...p, nA: n, nB: n }) <= target) return n;
  return null;
}
