/**
 * Holm's step-down correction for multiple testing (Holm 1979). It controls the family-wise
 * error rate: the chance that any of the m hypotheses compared at once is falsely rejected stays
 * at or below alpha, without assuming the tests are independent.
 *
 * Adjusted p-values: sort ascending p_(1) <= ... <= p_(m); adjusted p_(i) =
 * max over j <= i of min(1, (m - j + 1) p_(j)). Reject hypothesis i when adjusted p_i < alpha.
 */

/** Holm-adjusted p-values, in the input order. NaN entries are not tests: they stay NaN. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, index) => ({ p, index })).filter((t) => !Number.isNaN(t.p));
  tested.sort((x, y) => x.p - y.p);
  const m = tested.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  tested.forEach((t, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * t.p));
    adjusted[t.index] = running;
  });
  return adjusted;
}
