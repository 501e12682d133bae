/**
 * Step detection on a series of runs, in the manner of asv's step_detect: fit the series with a
 * piecewise-constant function, choosing the number of pieces by a penalised fit, then keep the
 * steps between pieces whose relative change passes a threshold.
 *
 * Method (one minimisation, solved exactly):
 * - Each piece is summarised by its median and costs the sum of absolute deviations from it (L1:
 *   one outlier run, common on a shared machine, moves a median little and a mean a lot).
 * - For every k, the best split into k pieces of at least `minRunsPerLevel` runs comes from a
 *   dynamic programme over split points (Auger & Lawrence's segment neighbourhood, O(k n^2)).
 * - k minimises a Schwarz-type information criterion for Laplace errors of unknown scale,
 *   n·ln(cost_k) + penalty·(k - 1)·ln(n), with penalty 3 as asv's default beta = 3·ln(n)/n
 *   (asv searches over its Potts weight γ to approximate this; n is small enough here to solve it).
 * - A step is reported only when the piece medians differ by at least `threshold` (relative), so
 *   a real but negligible change is not called a regression.
 * No maintained JavaScript change-point library exists on npm (the candidates are unmaintained
 * or Python-only), hence this file. Pure: numbers in, pieces and steps out.
 * Checked by tests: 10 runs with a +10% step at run 6 and ±3% noise give one step at run 6;
 * 10 flat runs with ±3% noise give none (tests/unit/history).
 */

export interface StepOptions {
  /** Smallest relative change reported as a step (default 0.05 = 5%). */
  threshold?: number;
  /** Fewest runs on each level: a step is confirmed by this many runs after it (default 3). */
  minRunsPerLevel?: number;
  /** Information-criterion penalty per extra piece, in units of ln(n) (default 3, asv's). */
  penalty?: number;
}

export interface Piece {
  /** 0-based index of the first and last run of the piece. */
  start: number;
  end: number;
  /** Median of the piece's values. */
  value: number;
}

export interface Step {
  /** 0-based index of the first run after the step. */
  index: number;
  before: number;
  after: number;
  /** (after - before) / before. */
  change: number;
}

export const DEFAULT_STEP_THRESHOLD = 0.05;

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** cost[l][r]: sum of |y - median| over y[l..r] (sorted insertion per left edge: O(n^3) worst, fine for hundreds of runs). */
function segmentCosts(y: readonly number[]): Float64Array[] {
  const n = y.length;
  const cost = Array.from({ length: n }, () => new Float64Array(n));
  for (let l = 0; l < n; l++) {
    const sorted: number[] = [];
    for (let r = l; r < n; r++) {
      const v = y[r]!;
      let i = sorted.length;
      sorted.push(v);
      while (i > 0 && sorted[i - 1]! > v) {
        sorted[i] = sorted[i - 1]!;
        i--;
      }
      sorted[i] = v;
      const m = median(sorted);
      let c = 0;
      for (const x of sorted) c += Math.abs(x - m);
      cost[l]![r] = c;
    }
  }
  return cost;
}

/** The best piecewise-constant fit of `y` (finite values, in run order). */
export function fitPieces(y: readonly number[], options: StepOptions = {}): Piece[] {
  const n = y.length;
  const minSize = Math.max(1, options.minRunsPerLevel ?? 3);
  const penalty = options.penalty ?? 3;
  if (n === 0) return [];
  const whole = (): Piece[] => [{ start: 0, end: n - 1, value: median([...y].sort((a, b) => a - b)) }];
  if (n < 2 * minSize) return whole();
  const cost = segmentCosts(y);
  const maxK = Math.floor(n / minSize);
  // best[k][r]: least cost of y[0..r] in k + 1 pieces; from[k][r]: start of its last piece.
  const best = Array.from({ length: maxK }, () => new Float64Array(n).fill(Infinity));
  const from = Array.from({ length: maxK }, () => new Int32Array(n).fill(-1));
  for (let r = minSize - 1; r < n; r++) best[0]![r] = cost[0]![r]!;
  for (let k = 1; k < maxK; k++) {
    for (let r = (k + 1) * minSize - 1; r < n; r++) {
      for (let l = k * minSize; l <= r - minSize + 1; l++) {
        const c = best[k - 1]![l - 1]! + cost[l]![r]!;
        if (c < best[k]![r]!) {
          best[k]![r] = c;
          from[k]![r] = l;
        }
      }
    }
  }
  const total = best[0]![n - 1]!;
  if (!(total > 0)) return whole();
  // A floor under the cost keeps ln() finite when pieces fit exactly; far below any real noise.
  const floor = total * 1e-9;
  let bestK = 0;
  let bestScore = Infinity;
  for (let k = 0; k < maxK; k++) {
    const c = best[k]![n - 1]!;
    if (!Number.isFinite(c)) continue;
    const score = n * Math.log(c + floor) + penalty * k * Math.log(n);
    if (score < bestScore - 1e-9) {
      bestScore = score;
      bestK = k;
    }
  }
  const starts: number[] = [];
  for (let k = bestK, r = n - 1; k > 0; k--) {
    const l = from[k]![r]!;
    starts.unshift(l);
    r = l - 1;
  }
  const bounds = [0, ...starts, n];
  return bounds.slice(0, -1).map((start, i) => {
    const end = bounds[i + 1]! - 1;
    return { start, end, value: median(y.slice(start, end + 1).sort((a, b) => a - b)) };
  });
}

/** Steps between the fitted pieces of `y` whose relative change is at least the threshold. */
export function detectSteps(y: readonly number[], options: StepOptions = {}): Step[] {
  const threshold = options.threshold ?? DEFAULT_STEP_THRESHOLD;
  const pieces = fitPieces(y, options);
  const steps: Step[] = [];
  for (let i = 1; i < pieces.length; i++) {
    const before = pieces[i - 1]!.value;
    const after = pieces[i]!.value;
    const change = before === 0 ? (after === 0 ? 0 : Infinity) : (after - before) / Math.abs(before);
    if (Math.abs(change) >= threshold) steps.push({ index: pieces[i]!.start, before, after, change });
  }
  return steps;
}
