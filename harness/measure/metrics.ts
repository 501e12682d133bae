/**
 * Quality metrics and the olympic mean. Pure: no I/O.
 * - rocAuc: exact ROC AUC with ties, by the rank-sum (Mann-Whitney U) identity
 *   AUC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg), ties getting their average rank,
 *   which equals the probability that a random positive scores above a random negative,
 *   counting ties as one half.
 * - logLoss: mean binary cross-entropy with probabilities clipped to [eps, 1 - eps].
 * - top1Accuracy: share of rows whose arg-max class is the label (first max wins).
 * - olympicMean: the mean after dropping one fastest and one slowest value (benchm-ml's timing).
 */

/** Exact ROC AUC of scores against 0/1 labels (positive = label 1). NaN if a class is absent or any score is NaN. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`rocAuc: ${n} scores but ${labels.length} labels`);
  // NaN scores have no rank: sorting them gives an arbitrary order and a meaningless AUC.
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i]!)) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        rankSumPos += averageRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean binary log loss of P(label = 1) against 0/1 labels, natural log. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  const n = probabilities.length;
  if (labels.length !== n) throw new RangeError(`logLoss: ${n} probabilities but ${labels.length} labels`);
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]!));
    sum += labels[i] === 1 ? -Math.log(p) : -Math.log(1 - p);
  }
  return sum / n;
}

/** Arg-max of each row of a row-major [rows x width] matrix. */
export function argmaxRows(values: ArrayLike<number>, width: number): Int32Array {
  const rows = Math.floor(values.length / width);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < width; c++) if (values[r * width + c]! > values[r * width + best]!) best = c;
    out[r] = best;
  }
  return out;
}

/** Top-1 accuracy of a row-major [rows x width] score matrix against class labels. */
export function top1Accuracy(values: ArrayLike<number>, width: number, labels: ArrayLike<number>): number {
  const predicted = argmaxRows(values, width);
  if (labels.length !== predicted.length)
    throw new RangeError(`top1Accuracy: ${predicted.length} rows but ${labels.length} labels`);
  if (predicted.length === 0) return Number.NaN;
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / predicted.length;
}

/** Mean without the single lowest and single highest value; the plain mean below 3 values. */
export function olympicMean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return n < 3 ? sum / n : (sum - lo - hi) / (n - 2);
}
