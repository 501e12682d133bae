import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { planJobs } from '../../../harness/plan/plan.js';
import { parseShard } from '../../../harness/plan/shard.js';
import { planResume } from '../../../harness/plan/resume.js';
import type { Suite } from '../../../harness/types.js';
import { measurementSettings, runChoices } from '../../../results/run-choices.js';
import { sampleResult } from '../../helpers/sample-result.js';

const suite: Suite = {
  id: 's',
  describe: () => 'test suite',
  workloads: () => [
    {
      id: 'inf',
      kind: 'inference',
      description: '',
      model: { kind: 'file', path: 'x.onnx' },
      scenarios: ['single-stream'],
      runtimes: ['null', 'ort-node:cpu'],
      settings: { minQueryCount: 5 },
    },
    {
      id: 'train',
      kind: 'training',
      description: '',
      model: { kind: 'file', path: 'y.onnx' },
      scenarios: ['accuracy'],
      runtimes: ['tfjs:wasm'],
    },
  ],
};
const base = {
  suites: [suite],
  profile: 'quick' as const,
  allRuntimes: ['null', 'ort-node:cpu', 'tfjs:wasm'],
  settings: defaultSettings(),
  pinned: new Set<string>(),
};

describe('plan', () => {
  it('crosses workloads with their runtimes and scenarios, applying workload settings', () => {
    const jobs = planJobs({ ...base, runtimes: null, scenarios: null });
    expect(jobs.map((j) => j.id)).toEqual([
      's/inf/null/single-stream',
      's/inf/ort-node:cpu/single-stream',
      's/train/tfjs:wasm/accuracy',
    ]);
    expect(jobs[0]!.settings.minQueryCount).toBe(5);
    expect(jobs[2]!.settings.minQueryCount).toBe(defaultSettings().minQueryCount);
  });

  it('filters runtimes, keeps training scenarios, and repeats', () => {
    const jobs = planJobs({
      ...base,
      runtimes: ['null', 'tfjs:wasm'],
      scenarios: ['offline', 'server'],
      settings: { ...defaultSettings(), repeat: 2 },
    });
    expect(jobs.map((j) => j.id)).toEqual([
      's/inf/null/offline#1',
      's/inf/null/offline#2',
      's/inf/null/server#1',
      's/inf/null/server#2',
      's/train/tfjs:wasm/accuracy#1',
      's/train/tfjs:wasm/accuracy#2',
    ]);
  });

  it('asks only the scenarios a workload supports', () => {
    const micro: Suite = {
      ...suite,
      workloads: () => [{ ...suite.workloads('quick')[0]!, supports: ['single-stream'] }],
    };
    const jobs = planJobs({ ...base, suites: [micro], runtimes: ['null'], scenarios: ['single-stream', 'server'] });
    expect(jobs.map((j) => j.scenario)).toEqual(['single-stream']);
    expect(() => planJobs({ ...base, suites: [micro], runtimes: ['null'], scenarios: ['server'] })).toThrow(
      /no jobs match/,
    );
  });

  it('refuses a plan with no jobs and shards by expected cost', () => {
    expect(() => planJobs({ ...base, runtimes: ['ort-web:wasm'], scenarios: null })).toThrow(/no jobs match/);
    // Costliest first, each to the lightest shard: ort-node (runtime start-up) alone, then the rest.
    expect(planJobs({ ...base, runtimes: null, scenarios: null, shard: parseShard('1/2') }).map((j) => j.id)).toEqual([
      's/inf/ort-node:cpu/single-stream',
    ]);
    const jobs = planJobs({ ...base, runtimes: null, scenarios: null, shard: parseShard('2/2') });
    expect(jobs.map((j) => j.id)).toEqual(['s/inf/null/single-stream', 's/train/tfjs:wasm/accuracy']);
    expect(() => planJobs({ ...base, runtimes: null, scenarios: null, shard: parseShard('4/4') })).toThrow(
      /only 3 job\(s\), fewer than the shards/,
    );
    expect(() => parseShard('3/2')).toThrow(/--shard 3\/2/);
  });

  it('resumes only on the same machine and settings, carrying finished jobs', () => {
    const previous = sampleResult();
    const jobs = planJobs({ ...base, runtimes: null, scenarios: null });
    previous.jobs[0]!.id = jobs[0]!.id;
    const same = { settings: measurementSettings(previous), choices: runChoices(previous) };
    const plan = planResume(previous, 'p.json', jobs, previous.machine.id, same);
    expect(plan.carried.map((j) => j.id)).toEqual([jobs[0]!.id]);
    expect(plan.remaining).toHaveLength(2);
    expect(() => planResume(previous, 'p.json', jobs, 'other', same)).toThrow(/machine m-1, this is other/);
    expect(() =>
      planResume(previous, 'p.json', jobs, previous.machine.id, { ...same, settings: { minDurationMs: 5 } }),
    ).toThrow(/settings differ.*minDurationMs/);
    expect(() =>
      planResume(previous, 'p.json', jobs, previous.machine.id, {
        ...same,
        choices: { ...same.choices, profile: 'full' },
      }),
    ).toThrow(/settings differ.*profile/);
  });
});
