/**
 * The Server scenario's arrival schedule and its queueing ideal, both pure functions of the
 * settings, so a benchmark or test can rebuild exactly what a run scheduled.
 *
 * - Arrivals: Poisson at `targetQps` (seeded exponential gaps, LoadGen's Server arrivals).
 * - Ideal latencies: what a FIFO single server with a fixed service time would give for the same
 *   arrivals (Lindley's recursion). A system that serves one query at a time at that speed and a
 *   load generator that costs nothing would measure exactly these latencies; the gap between the
 *   measured and the ideal latency is therefore the harness's own cost (issue lateness, callback
 *   delays), with the system's genuine queueing left in.
 */
import { createRng, exponential } from '../measure/random.js';

/** Yields the scheduled offsets (ns from the start, ascending, fractional) of a Poisson stream. */
export function poissonSchedule(seed: number, targetQps: number): () => number {
  const rng = createRng(seed);
  const meanGapNs = 1e9 / targetQps;
  let offsetNs = 0;
  return () => (offsetNs += exponential(rng, 1) * meanGapNs);
}

/** The first `count` scheduled offsets of poissonSchedule(seed, targetQps), rounded to whole ns as the runner issues them. */
export function scheduledOffsetsNs(seed: number, targetQps: number, count: number): Float64Array {
  const next = poissonSchedule(seed, targetQps);
  return Float64Array.from({ length: count }, () => Math.round(next()));
}

/**
 * Per-query latency of a FIFO single server with service time `serviceNs`, for queries that
 * arrive at `arrivalsNs` (ascending): a query starts when it arrives or when the previous one
 * ends, whichever is later (Lindley), and its latency runs from its arrival to its end.
 */
export function idealFifoLatenciesNs(arrivalsNs: ArrayLike<number>, serviceNs: number): Float64Array {
  const out = new Float64Array(arrivalsNs.length);
  let freeAtNs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < arrivalsNs.length; i++) {
    const arrival = arrivalsNs[i]!;
    const end = Math.max(arrival, freeAtNs) + serviceNs;
    out[i] = end - arrival;
    freeAtNs = end;
  }
  return out;
}
