import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_OPTIONS, formatGateMarkdown, runGate } from '../../../results/compare/index.js';
import { SETTINGS } from '../../../harness/config/settings.js';
import type { Job } from '../../../harness/types.js';
import type { JobResult } from '../../../results/schema.js';
import { job, latencies, result } from './make-result.js';

const known = new Set(Object.keys(SETTINGS));
const settings = (latencyUs: number) => ({ ...job().settings, 'null.latencyUs': latencyUs });
const measured = (latencyUs: number, seed: number) => job({ settings: settings(latencyUs), samplesNs: latencies(seed, 400, latencyUs * 1000) });
const template = (latencyUs: number): Job => ({
  id: 'smoke/logreg-32/null/single-stream', suite: 'smoke', runtime: 'null', scenario: 'single-stream', repeat: 0, settings: settings(latencyUs),
  workload: { id: 'logreg-32', kind: 'inference', description: '', model: { kind: 'zoo', arch: 'logreg', params: { features: 32 }, seed: 7 }, scenarios: ['single-stream'] },
});

/** A fake runner: each job "measures" its own null.latencyUs, times `slowdown` for the candidate code. */
function fakeRunner(calls: string[], slowdown = 1) {
  let seed = 100;
  return async (jobs: Job[]): Promise<JobResult[]> => jobs.map((j) => {
    calls.push(j.id);
    const us = Number(j.settings['null.latencyUs']) * slowdown;
    return { ...measured(us, seed++), settings: j.settings, id: j.id, repeat: j.repeat };
  });
}

describe('CI gate', () => {
  it('confirms a real regression with interleaved A/B (ABBA order)', async () => {
    const calls: string[] = [];
    const gate = await runGate({
      baseline: result([measured(100, 1)]), candidate: result([measured(120, 2)]), jobs: [template(120)],
      runJobs: fakeRunner(calls), confirm: 2, options: DEFAULT_COMPARE_OPTIONS, knownSettings: known,
    });
    expect(gate.modes['smoke/logreg-32/null/single-stream']).toBe('interleaved');
    expect(calls.map((c) => c.split('~')[1])).toEqual(['confirm-a1', 'confirm-b1', 'confirm-b2', 'confirm-a2']);
    expect(gate.regression).toBe(true);
    expect(gate.confirmed).toHaveLength(1);
    expect(formatGateMarkdown(gate)).toMatch(/confirmed/);
  });

  it('clears a one-off slow run that does not repeat (candidate-only mode)', async () => {
    const calls: string[] = [];
    const gate = await runGate({
      baseline: result([measured(100, 1)]), candidate: result([{ ...measured(120, 2), settings: settings(100) }]), jobs: [template(100)],
      runJobs: fakeRunner(calls), confirm: 3, options: DEFAULT_COMPARE_OPTIONS, knownSettings: known,
    });
    expect(gate.initial.regression).toBe(true);
    expect(gate.modes['smoke/logreg-32/null/single-stream']).toBe('candidate-only');
    expect(calls).toHaveLength(3);
    expect(gate.regression).toBe(false);
    expect(gate.final.jobs[0]!.verdict).toBe('inconclusive');
    // No metric row still reads "regression" under the "no regression" headline.
    const p50 = gate.final.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(gate.initial.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!.verdict).toBe('regression');
    expect(p50.verdict).toBe('inconclusive');
    expect(p50.note).toMatch(/not confirmed by 3 re-measurement/);
    expect(gate.final.jobs[0]!.metrics.some((m) => m.verdict === 'regression')).toBe(false);
    expect(formatGateMarkdown(gate)).not.toMatch(/:red_circle: regression/);
  });

  it('confirms a code regression that repeats (candidate-only mode)', async () => {
    const gate = await runGate({
      baseline: result([measured(100, 1)]), candidate: result([{ ...measured(120, 2), settings: settings(100) }]), jobs: [template(100)],
      runJobs: fakeRunner([], 1.2), confirm: 2, options: DEFAULT_COMPARE_OPTIONS, knownSettings: known,
    });
    expect(gate.regression).toBe(true);
  });

  it('runs nothing when there is no regression, and takes the first verdict with confirm 0', async () => {
    const calls: string[] = [];
    const same = await runGate({ baseline: result([measured(100, 1)]), candidate: result([measured(100, 2)]), jobs: [template(100)], runJobs: fakeRunner(calls), confirm: 3, options: DEFAULT_COMPARE_OPTIONS, knownSettings: known });
    expect(same.regression).toBe(false);
    const noConfirm = await runGate({ baseline: result([measured(100, 1)]), candidate: result([measured(120, 2)]), jobs: [template(120)], runJobs: fakeRunner(calls), confirm: 0, options: DEFAULT_COMPARE_OPTIONS, knownSettings: known });
    expect(noConfirm.regression).toBe(true);
    expect(calls).toHaveLength(0);
  });
});
