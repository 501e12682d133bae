/** Rows of a dataset slice named like `train_10k`, `train_1m` or `train_100000`; null when the name says nothing. */
export function sliceRows(slice: string | undefined): number | null {
  const m = /(\d+(?:\.\d+)?)([km]?)$/i.exec(slice ?? '');
  if (!m) return null;
  return Number(m[1]) * (m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1);
}
