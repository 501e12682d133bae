import { describe, expect, it } from 'vitest';
import {
  abOrder,
  DEFAULT_COMPARE_OPTIONS,
  formatBaselineMarkdown,
  compareWithBaseline,
} from '../../../results/compare/index.js';
import { SETTINGS } from '../../../harness/config/settings.js';
import type { Job } from '../../../harness/types.js';
import type { JobResult } from '../../../results/schema.js';
import { job, latencies, result } from './make-result.js';
import { completeSettings } from '../../../harness/config/settings.js';

const known = new Set(Object.keys(SETTINGS));
const KEY = 'smoke/logreg-32/null/single-stream';
const settings = (latencyUs: number) => ({ ...job().settings, 'null.latencyUs': latencyUs });
const measured = (latencyUs: number, seed: number) =>
  job({ settings: settings(latencyUs), samplesNs: latencies(seed, 400, latencyUs * 1000, 0.01) });
const template = (latencyUs: number): Job => ({
  id: 'smoke/logreg-32/null/single-stream',
  suite: 'smoke',
  runtime: 'null',
  scenario: 'single-stream',
  repeat: 0,
  settings: completeSettings(settings(latencyUs)),
  workload: {
    id: 'logreg-32',
    kind: 'inference',
    description: '',
    model: { kind: 'zoo', arch: 'logreg', params: { features: 32 }, seed: 7 },
    scenarios: ['single-stream'],
  },
});

/** A fake runner: each job "measures" its own null.latencyUs. */
function fakeRunner(calls: string[]) {
  let seed = 100;
  return async (jobs: Job[]): Promise<JobResult[]> =>
    jobs.map((j) => {
      calls.push(j.id);
      return {
        ...measured(Number(j.settings['null.latencyUs']), seed++),
        settings: j.settings,
        id: j.id,
        repeat: j.repeat,
      };
    });
}

describe('run --baseline', () => {
  it('re-measures both sides, interleaved in a seeded random order, when only a runtime knob differs, and stands by that verdict', async () => {
    const calls: string[] = [];
    const gate = await compareWithBaseline({
      baseline: result([measured(100, 1)]),
      candidate: result([measured(120, 2)]),
      jobs: [template(120)],
      runJobs: fakeRunner(calls),
      confirm: 5,
      options: DEFAULT_COMPARE_OPTIONS,
      knownSettings: known,
    });
    expect(gate.modes[KEY]).toBe('interleaved');
    const order = abOrder(5, 'random', DEFAULT_COMPARE_OPTIONS.seed);
    const count = (i: number) => order.slice(0, i + 1).filter((s) => s === order[i]).length;
    expect(calls.map((c) => c.split('~')[1])).toEqual(order.map((s, i) => `ab-${s.toLowerCase()}${count(i)}`));
    expect(calls).toHaveLength(10);
    expect(gate.regression).toBe(true);
    expect(formatBaselineMarkdown(gate)).toMatch(/re-measured on both sides/);
  });

  it('a stored baseline of other code is a hint, never a verdict: nothing re-measured one-sidedly', async () => {
    const calls: string[] = [];
    const base = [0, 1, 2, 3, 4].map((r) => ({ ...measured(100, 1 + r), repeat: r }));
    const cand = [0, 1, 2, 3, 4].map((r) => ({ ...measured(130, 10 + r), settings: settings(100), repeat: r }));
    const gate = await compareWithBaseline({
      baseline: result(base),
      candidate: result(cand),
      jobs: [template(100)],
      runJobs: fakeRunner(calls),
      confirm: 5,
      options: DEFAULT_COMPARE_OPTIONS,
      knownSettings: known,
    });
    expect(gate.initial.regression).toBe(true);
    expect(gate.modes[KEY]).toBe('baseline-only');
    expect(calls).toHaveLength(0);
    expect(gate.regression).toBe(false);
    const p50 = gate.final.jobs[0]!.metrics.find((m) => m.metric === 'latency.p50')!;
    expect(p50.verdict).toBe('inconclusive');
    expect(p50.note).toMatch(/hint, not a verdict/);
    expect(formatBaselineMarkdown(gate)).not.toMatch(/:red_circle: regression/);
  });

  it('a job that breaks fails the gate without re-measurement', async () => {
    const gate = await compareWithBaseline({
      baseline: result([measured(100, 1)]),
      candidate: result([{ ...measured(100, 2), status: 'crashed' }]),
      jobs: [template(100)],
      runJobs: fakeRunner([]),
      confirm: 5,
      options: DEFAULT_COMPARE_OPTIONS,
      knownSettings: known,
    });
    expect(gate.regression).toBe(true);
  });
});
