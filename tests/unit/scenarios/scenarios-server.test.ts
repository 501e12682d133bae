import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { JobResultSchema } from '../../../results/schema.js';
import { noWarmup, queueSession, samples } from './virtual-session.js';

/** Kolmogorov-Smirnov statistic of a sample against the exponential CDF with rate `rate`. */
function ksExponential(xs: number[], rate: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = 1 - Math.exp(-rate * x);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  });
  return d;
}

describe('server on virtual time', () => {
  it('issues Poisson arrivals: inter-arrival times pass a KS test against the exponential', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 100_000);
    const targetQps = 1000;
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, targetQps, minDurationMs: 3000, minQueryCount: 100 },
      { scheduler },
    );
    const gapsS = session.arrivalsNs.slice(1).map((t, i) => Number(t - session.arrivalsNs[i]!) / 1e9);
    const n = gapsS.length;
    expect(n).toBeGreaterThan(2500);
    // Critical value at alpha = 0.01: 1.628 / sqrt(n).
    expect(ksExponential(gapsS, targetQps)).toBeLessThan(1.628 / Math.sqrt(n));
    // And against a clearly wrong rate it fails.
    expect(ksExponential(gapsS, targetQps * 1.3)).toBeGreaterThan(1.628 / Math.sqrt(n));
    expect(r.status).toBe('ok');
    expect(r.latencyNs.min).toBe(100_000);
    expect(r.throughputPerS).toBeGreaterThan(targetQps * 0.9);
    expect(r.throughputPerS).toBeLessThan(targetQps * 1.1);
  });

  it('a run whose p99 exceeds latencyBoundNs is INVALID', async () => {
    const scheduler = new VirtualScheduler();
    // 2 ms of service per query at 1000 QPS: the queue grows without bound.
    const session = queueSession(scheduler, () => 2e6);
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, targetQps: 1000, latencyBoundNs: 10e6, minDurationMs: 1000, minQueryCount: 100 },
      { scheduler },
    );
    expect(r.latencyNs.p99).toBeGreaterThan(10e6);
    expect(r.status).toBe('invalid');
    expect(r.validity.reasons.some((s) => s.startsWith('latency bound not met'))).toBe(true);
    expect(r.validity.recommendations.join('\n')).toMatch(
      /^overload: .* set a target below the completed rate, e\.g\. --target-qps \d+/m,
    );
    expect(r.summary).toContain('Performance constraints satisfied : NO');
  });

  it('--find-peak brackets the capacity of a 1 ms single-server queue', async () => {
    const scheduler = new VirtualScheduler();
    const session = queueSession(scheduler, () => 1e6);
    const r = await runScenario(
      'server',
      session,
      samples(),
      { ...noWarmup, findPeak: true, targetQps: 100, latencyBoundNs: 10e6, minDurationMs: 1000, minQueryCount: 100 },
      { scheduler },
    );
    const peak = r.findPeak!.peakQps;
    expect(peak).toBeGreaterThan(400);
    expect(peak).toBeLessThan(1000);
    expect(r.status).toBe('ok');
    expect(r.metric.value).toBe(peak);
    const steps = r.findPeak!.steps;
    expect(steps.some((s) => !s.valid && s.targetQps > peak)).toBe(true);
    expect(steps.every((s) => s.valid === s.targetQps <= peak)).toBe(true);
    const job = {
      id: 'j',
      suite: 's',
      workload: 'w',
      kind: 'inference',
      runtime: { id: 'null', backend: 'null', version: null, threads: 1, options: {} },
      scenario: 'server',
      repeat: 0,
      settings: {},
      startedAt: new Date(0).toISOString(),
      wallMs: 1,
      ...r,
    };
    expect(JobResultSchema.parse(job).findPeak?.peakQps).toBe(peak);
  });
});
