import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { latenessAdvice } from '../../../harness/scenarios/server.js';
import { noWarmup, parallelSession, samples } from './virtual-session.js';

describe('server: samples by query index, and lateness blamed only beyond the queue', () => {
  it('records samplesNs in issue order when queries complete out of order', async () => {
    const scheduler = new VirtualScheduler();
    // Parallel system: odd queries are slow (5 ms), even ones fast (10 us), so completions reorder.
    const latency = (call: number) => (call % 2 ? 5e6 : 10_000);
    const session = parallelSession(scheduler, latency);
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, targetQps: 2000, seed: 3, minDurationMs: 100, minQueryCount: 100, latencyBoundNs: 1e9 },
      { scheduler },
    );
    expect(r.samplesNs.length).toBe(r.queryCount);
    expect(r.samplesNs).toEqual(Array.from({ length: r.queryCount }, (_, i) => latency(i)));
  });

  it('a run() that blocks the JS thread: lateness is the queue, not other processes', async () => {
    const clock = new VirtualClock();
    const scheduler = new VirtualScheduler(clock);
    // Blocks 2 ms per query synchronously at 1000 QPS mean: issues fall behind the schedule.
    const session = {
      async run() {
        clock.advanceNs(2e6);
        return {};
      },
      async dispose() {},
    };
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, targetQps: 400, seed: 5, minDurationMs: 500, minQueryCount: 100, latencyBoundNs: 1e6 },
      { scheduler },
    );
    const late = r.issueLatenessNs!;
    expect(late.p99).toBeGreaterThan(1e6);
    expect(late.unexplainedP99).toBe(0);
    expect(r.validity.recommendations.join('\n')).not.toMatch(/other processes/);
  });

  it('blames the machine only when the unexplained lateness is large', () => {
    const late = { p50: 0, p99: 5e6, max: 9e6 };
    expect(latenessAdvice(false, 1000, 1000, { ...late, unexplainedP99: 4e6 }, 10e6)).toMatch(/other processes/);
    expect(latenessAdvice(false, 1000, 1000, { ...late, unexplainedP99: 1000 }, 10e6)).toMatch(
      /runtime's own queueing/,
    );
    expect(latenessAdvice(true, 1000, 1000, { ...late, unexplainedP99: 4e6 }, 10e6)).toBeNull();
  });
});
