import { describe, expect, it } from 'vitest';
import { compareSides, jobKey, sideFromResults } from '../../../results/compare/index.js';
import { plannedJobKey } from '../../../results/job-key.js';
import type { Job } from '../../../harness/types.js';
import { job, result } from './make-result.js';

const external = { id: 'external', backend: 'peers/sklearn_logreg.py', version: null, threads: null, options: {} };

describe('compare runtime labels', () => {
  it('an external runtime keeps its whole path in the key and the runtime field', () => {
    const j = job({ runtime: external });
    expect(jobKey(j)).toBe('smoke/logreg-32/external:peers/sklearn_logreg.py/single-stream');
    const c = compareSides(sideFromResults([result([j])], ['a.json']), sideFromResults([result([j])], ['b.json']));
    expect(c.jobs[0]!.runtime).toBe('external:peers/sklearn_logreg.py');
  });

  it('a backend is joined with a colon; the default backend is left out', () => {
    expect(jobKey(job({ runtime: { ...external, id: 'ort-node', backend: 'cpu' } }))).toBe(
      'smoke/logreg-32/ort-node:cpu/single-stream',
    );
    expect(jobKey(job())).toBe('smoke/logreg-32/null/single-stream');
  });

  it('a planned job has the key of its result', () => {
    const planned = (runtime: string) =>
      ({ suite: 'smoke', runtime, scenario: 'single-stream', workload: { id: 'logreg-32' } }) as unknown as Job;
    expect(plannedJobKey(planned('external:peers/sklearn_logreg.py'))).toBe(jobKey(job({ runtime: external })));
    expect(plannedJobKey(planned('null'))).toBe(jobKey(job()));
  });
});
