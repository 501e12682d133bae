import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../harness/cli/main.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { idealFifoLatenciesNs, runScenario, scheduledOffsetsNs } from '../../../harness/scenarios/index.js';
import { noWarmup, queueSession, samples } from './virtual-session.js';

const flagsOf = (command: string) =>
  buildProgram()
    .commands.find((c) => c.name() === command)!
    .options.map((o) => o.long);

describe('server: schedule, FIFO ideal and issue lateness on virtual time', () => {
  it('computes the FIFO single-server ideal by hand (Lindley)', () => {
    // Arrivals 0, 5, 30 with 10 of service: 0-10, 10-20 (waited 5), 30-40.
    expect(Array.from(idealFifoLatenciesNs([0, 5, 30], 10))).toEqual([10, 15, 10]);
  });

  it('issues exactly the scheduled arrivals, and a FIFO system measures exactly its ideal', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 200_000);
    const settings = {
      ...noWarmup,
      targetQps: 2000,
      seed: 9,
      minDurationMs: 500,
      minQueryCount: 500,
      latencyBoundNs: 1e9,
    };
    const r = await runScenario('server', session, samples(), settings, { scheduler });
    const offsets = scheduledOffsetsNs(9, 2000, r.queryCount);
    expect(session.arrivalsNs.map(Number)).toEqual(Array.from(offsets));
    // 40 % utilisation: queueing happens, and it stays in the latency; the harness adds nothing.
    expect(r.samplesNs).toEqual(Array.from(idealFifoLatenciesNs(offsets, 200_000)));
    expect(r.latencyNs.max).toBeGreaterThan(200_000);
    expect(r.issueLatenessNs).toEqual({ p50: 0, p99: 0, max: 0, unexplainedP99: 0 });
    expect(r.summary).toMatch(/Issue lateness p99 \(ns\) : 0/);
    expect(r.metric).toMatchObject({ key: 'result_completed_samples_per_sec', value: r.throughputPerS });
    expect(r.loadgen).toMatchObject({ result_validity: 'VALID', result_completed_samples_per_sec: r.throughputPerS });
    expect(r.loadgen.result_scheduled_samples_per_sec).toBeCloseTo(2000, -2);
  });

  it('on a scripted overload, names completed and scheduled rates and suggests a target below the completed rate', async () => {
    const scheduler = new VirtualScheduler();
    // 2 ms per query at 1000 QPS: capacity 500/s, half the schedule.
    const session = queueSession(scheduler, () => 2e6);
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, targetQps: 1000, latencyBoundNs: 10e6, minDurationMs: 1000, minQueryCount: 100 },
      { scheduler },
    );
    expect(r.status).toBe('invalid');
    const completed = Number(r.loadgen.result_completed_samples_per_sec);
    const scheduled = Number(r.loadgen.result_scheduled_samples_per_sec);
    expect(completed).toBeCloseTo(500, -1);
    expect(scheduled).toBeGreaterThan(900);
    const advice = r.validity.recommendations.find((s) => s.startsWith('overload'))!;
    expect(advice).toContain(
      `completed ${completed.toFixed(1)} samples/s while ${scheduled.toFixed(1)}/s were scheduled`,
    );
    const suggested = Number(/--target-qps (\d+(\.\d+)?)/.exec(advice)![1]);
    expect(suggested).toBeLessThan(completed);
    expect(suggested).toBeGreaterThan(0);
    // Not blamed on a busy machine, and the rates are not called "achieved".
    expect(r.validity.recommendations.join('\n')).not.toMatch(/busy|competing|achieved/);
    // Every flag the advice names exists on both commands that run the server scenario.
    const named = [...advice.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    for (const command of ['run', 'model']) for (const flag of named) expect(flagsOf(command)).toContain(flag);
    expect(r.summary).toContain(advice);
  });
});
