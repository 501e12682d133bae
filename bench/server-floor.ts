/**
 * The Node floor of the Server scenario (after ../shared/floor/server.mjs in its `await` mode,
 * our own code): the same seeded Poisson arrivals as the Server runner
 * (scenarios/server-schedule.ts), a spin-only issuer that awaits each query of the same session
 * on one FIFO server, and one timestamp per event into a preallocated array. Query i gets the
 * same sample as the Server runner gives it (`feeds[i % feeds.length]`, the runner's sample
 * cycle): reading a sample that a 20 us allocating spin pushed out of the caches costs the
 * session ~0.3-0.4 us (measured: the same session fed one sample vs 64), which is the system
 * under test's work, so both sides pay it. What a perfect
 * issuer achieves with this system under test in this process; the overhead benchmark sets
 * mlbench's excess beside it. The session's own cost per call above its busy service (δ) is
 * in both, so the ratio of the two excesses is the issuer's cost alone.
 */
import { idealFifoLatenciesNs, scheduledOffsetsNs } from '../harness/scenarios/index.js';
import type { Feeds, Session } from '../harness/types.js';

/** Excess over the FIFO ideal with `serviceNs` of service (ns) per query, in issue order. */
export async function floorExcessNs(
  session: Session,
  feeds: readonly Feeds[],
  seed: number,
  targetQps: number,
  count: number,
  serviceNs: number,
): Promise<Float64Array> {
  const arrivals = scheduledOffsetsNs(seed, targetQps, count);
  const ideal = idealFifoLatenciesNs(arrivals, serviceNs);
  const doneNs = new Float64Array(count);
  const start = process.hrtime.bigint() + 1_000_000n;
  const now = () => Number(process.hrtime.bigint() - start);
  for (let i = 0; i < count; i++) {
    while (now() < arrivals[i]!) {
      /* spin */
    }
    await session.run(feeds[i % feeds.length]!);
    doneNs[i] = now();
  }
  return doneNs.map((done, i) => done - arrivals[i]! - ideal[i]!);
}
