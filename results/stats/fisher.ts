/**
 * Fisher's exact test of a 2×2 table (two-sided, summing every table of the same margins that is
 * no more likely than the observed one; Agresti, Categorical Data Analysis, §3.5). Used for counts
 * of broken runs (crashed, timeout, INVALID, parity fail) on each side of a comparison: exact at
 * the small n of run-level comparisons, where a chi-square test is not.
 */

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** Two-sided p-value for `x1` of `n1` against `x2` of `n2` (e.g. broken runs of each side). */
export function fisherExact(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 < 1 || n2 < 1) return 1;
  const k = x1 + x2;
  const n = n1 + n2;
  const lf = (m: number) => logFactorial(m);
  const base = lf(k) + lf(n - k) + lf(n1) + lf(n2) - lf(n);
  const logP = (x: number) => base - lf(x) - lf(k - x) - lf(n1 - x) - lf(n2 - k + x);
  const observed = logP(x1);
  let p = 0;
  for (let x = Math.max(0, k - n2); x <= Math.min(k, n1); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
