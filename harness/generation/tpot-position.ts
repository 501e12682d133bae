/**
 * TPOT by cache position, bench:llm's flatness check ("with the cache, TPOT stays flat over
 * position"), measured so that noise can be told from physics:
 * - `windowGaps`: the decode steps of one long greedy request that run at cache positions
 *   P..P+steps-1, for each P; one request covers every position, so load that drifts over the
 *   run falls on every position alike;
 * - `gapSpread`: median and quartiles (LoadGen's percentile rule) of a position's pooled gaps;
 * - `bootstrapRatio`: max/min of the positions' medians with a 95 % percentile-bootstrap interval
 *   (Efron & Tibshirani 1993, ch. 13), each position's gaps resampled on their own;
 * - `expectedRatios`: the ratio the model's arithmetic predicts: FLOPs per decode step
 *   (transformerFlops) and bytes moved per step (weights once + the KV cache `cacheTouches`
 *   times) at each position's mean cache length, as max/min over positions; and the growth
 *   of an uncached step (the whole sequence recomputed) from the first position to the last.
 * Times in ns. Pure: no I/O.
 */
import { percentileSorted, sortedCopy } from '../measure/percentiles.js';
import { createRng } from '../measure/random.js';
import { transformerFlops, type TransformerConfig } from '../models/transformer/config.js';
import { kvCacheBytes, type DecoderLayout } from './decoder-layout.js';

/** The prompt length of the sweep's request: a few tokens before the first position, so its window is not the first steps after prefill. */
export function sweepPromptTokens(positions: readonly number[]): number {
  return Math.max(1, Math.min(...positions) - 4);
}

/** Output tokens the sweep's request must generate so that the last window is complete. */
export function sweepOutputTokens(positions: readonly number[], steps: number): number {
  return Math.max(...positions) - sweepPromptTokens(positions) + steps + 1;
}

/**
 * Gaps (ns) of the decode steps at each position's window. `tokenNs[i]` is when output token i
 * came (token 0 ends the prefill); gap i = tokenNs[i] - tokenNs[i - 1] is decode step i, which
 * feeds the token at position `promptTokens + i - 1` over that many cached rows. The window of
 * P is the `steps` steps with P..P+steps-1 cached rows. Throws RangeError when a position is
 * below the prompt or the request is too short for its window.
 */
export function windowGaps(
  tokenNs: readonly bigint[],
  promptTokens: number,
  positions: readonly number[],
  steps: number,
): number[][] {
  return positions.map((position) => {
    const first = position - promptTokens + 1;
    if (first < 1) throw new RangeError(`position ${position} is inside the ${promptTokens}-token prompt`);
    if (first + steps - 1 >= tokenNs.length)
      throw new RangeError(
        `position ${position} needs ${first + steps} output tokens, the request has ${tokenNs.length}`,
      );
    return Array.from({ length: steps }, (_, j) => Number(tokenNs[first + j]! - tokenNs[first + j - 1]!));
  });
}

export interface GapSpread {
  n: number;
  medianNs: number;
  q1Ns: number;
  q3Ns: number;
}

/** Median and quartiles of pooled gaps. */
export function gapSpread(gaps: readonly number[]): GapSpread {
  const sorted = sortedCopy(gaps);
  return {
    n: sorted.length,
    medianNs: percentileSorted(sorted, 0.5),
    q1Ns: percentileSorted(sorted, 0.25),
    q3Ns: percentileSorted(sorted, 0.75),
  };
}

export interface RatioInterval {
  /** max/min of the positions' medians. */
  ratio: number;
  /** 2.5 % and 97.5 % of the bootstrap distribution of that ratio. */
  low: number;
  high: number;
}

/** max/min of the medians of `gapsByPosition`, with a seeded percentile-bootstrap 95 % interval over `resamples` resamples. */
export function bootstrapRatio(
  gapsByPosition: readonly (readonly number[])[],
  resamples = 1000,
  seed = 1,
): RatioInterval {
  const ratioOf = (medians: number[]) => Math.max(...medians) / Math.min(...medians);
  const ratio = ratioOf(gapsByPosition.map((g) => percentileSorted(sortedCopy(g), 0.5)));
  const rng = createRng(seed);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    draws[b] = ratioOf(
      gapsByPosition.map((g) => {
        const sample = new Float64Array(g.length);
        for (let i = 0; i < g.length; i++) sample[i] = g[Math.floor(rng() * g.length)]!;
        return percentileSorted(sample.sort(), 0.5);
      }),
    );
  }
  draws.sort();
  return { ratio, low: percentileSorted(draws, 0.025), high: percentileSorted(draws, 0.975) };
}

export interface ExpectedRatios {
  /** max/min of FLOPs per cached step over the positions; null without a zoo config. */
  flops: number | null;
  /** max/min of bytes per cached step, weights + the cache read once (attention). */
  bytesCacheOnce: number;
  /** max/min of bytes per cached step with the cache moved `cacheTouches` times. */
  bytesCacheTouched: number;
  /** FLOPs of an uncached step at the last position / at the first; null without a zoo config. */
  uncachedGrowth: number | null;
}

/**
 * Ratios the arithmetic predicts for windows of `steps` steps at `positions`: the window at P
 * attends over P + (steps + 1) / 2 rows on average. A step bound by compute scales with FLOPs, one
 * bound by memory with bytes; per-call overheads that do not grow with position only flatten it.
 * `cacheTouches` counts each read or write of the whole cache per step: attention reads it once,
 * Concat reads past and writes present (2), and each copy into or out of a runtime's memory
 * (JS to wasm heap, tensor to JS) another 2. An uncached step at P feeds the whole sequence,
 * P + (uncachedSteps + 1) / 2 tokens on average (`uncachedSteps` defaults to `steps`).
 */
export function expectedRatios(input: {
  config: TransformerConfig | null;
  weightsBytes: number;
  layout: DecoderLayout;
  positions: readonly number[];
  steps: number;
  uncachedSteps?: number;
  cacheTouches: number;
}): ExpectedRatios {
  const { config, weightsBytes, layout, positions, steps } = input;
  const rows = positions.map((p) => p + (steps + 1) / 2);
  const uncachedRows = positions.map((p) => p + ((input.uncachedSteps ?? steps) + 1) / 2);
  const spread = (values: number[]) => Math.max(...values) / Math.min(...values);
  return {
    flops: config ? spread(rows.map((r) => transformerFlops(config, 1, r - 1))) : null,
    bytesCacheOnce: spread(rows.map((r) => weightsBytes + kvCacheBytes(layout, r))),
    bytesCacheTouched: spread(rows.map((r) => weightsBytes + input.cacheTouches * kvCacheBytes(layout, r))),
    uncachedGrowth: config
      ? transformerFlops(config, uncachedRows.at(-1)!, 0) / transformerFlops(config, uncachedRows[0]!, 0)
      : null,
  };
}
