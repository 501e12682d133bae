/**
 * The Node floor of the Server scenario (after ../shared/floor/server.mjs in its `await` mode,
 * our own code): the same seeded Poisson arrivals as the Server runner
 * (scenarios/server-schedule.ts), a spin-only issuer that awaits each query of the same session
 * on one FIFO server, and one timestamp per event into a preallocated array. What a perfect
 * issuer achieves with this system under test in this process; the overhead benchmark sets
 * mlbench's excess beside it. The session's own cost per call above its busy service (δ) is
 * in both, so the ratio of the two excesses is the issuer's cost alone.
 */
import { idealFifoLatenciesNs, scheduledOffsetsNs } from '../harness/scenarios/index.js';
import type { Feeds, Session } from '../harness/types.js';

/** Excess over the FIFO ideal with `serviceNs` of service (ns) per query, in issue order. */
export async function floorExcessNs(
  session: Session,
  feeds: Feeds,
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
    await session.run(feeds);
    doneNs[i] = now();
  }
  return doneNs.map((done, i) => done - arrivals[i]! - ideal[i]!);
}
