/** Browser-host runtimes join a plan only when asked for: the default run starts no browser. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { planJobs } from '../../../harness/plan/plan.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { zooSuite } from '../../../suites/zoo/index.js';

const base = {
  suites: [zooSuite],
  profile: 'quick' as const,
  allRuntimes: Object.keys(RUNTIMES),
  scenarios: null,
  settings: defaultSettings(),
  pinned: new Set<string>(),
};

describe('planning browser runtimes', () => {
  it('leaves them out of the default runtimes', () => {
    const jobs = planJobs({ ...base, runtimes: null });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.runtime.startsWith('chromium/'))).toEqual([]);
  });

  it('plans the zoo on a browser runtime and its Node twin side by side when asked', () => {
    const jobs = planJobs({ ...base, runtimes: ['ort-web:wasm', 'chromium/ort-web:wasm'] });
    const on = (rt: string) => jobs.filter((j) => j.runtime === rt).map((j) => j.workload.id);
    expect(on('chromium/ort-web:wasm')).toEqual([
      'mobilenet-q64-b1',
      'mobilenet-q64-batch',
      'resnet-q64-b1',
      'resnet-q64-batch',
    ]);
    expect(on('ort-web:wasm')).toEqual(on('chromium/ort-web:wasm'));
  });
});
