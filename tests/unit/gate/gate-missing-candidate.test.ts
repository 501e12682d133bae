import { describe, expect, it } from 'vitest';
import { compareSides, formatMarkdown, formatTerminal, sideFromResults } from '../../../results/compare/index.js';
import { brokenRun } from '../../../harness/cli/ab-action.js';
import type { JobResult } from '../../../results/schema.js';
import { job, result } from '../compare/make-result.js';

const side = (jobs: JobResult[]) => sideFromResults([result(jobs)], ['x.json']);
const ok = (r: number) => job({ repeat: r, samplesNs: [100_000 + r] });

describe('gate: a broken candidate never passes (why 3)', () => {
  it('a runtime whose probe failed on the candidate fails the gate with its own message', () => {
    const gone = job({
      status: 'unavailable',
      samplesNs: undefined,
      error: { code: 'E_RUNTIME', message: 'probing runtimes failed: SIGSEGV' },
    });
    const c = compareSides(side([ok(0), ok(1)]), side([gone]));
    expect(c.jobs[0]!.verdict).toBe('missing');
    expect(c.missingCandidate).toEqual([c.jobs[0]!.key]);
    expect(c.regression).toBe(false);
    expect(c.failed).toBe(true);
    expect(formatTerminal(c)).toMatch(/FAILED: 1 job\(s\) the baseline ran did not run on the candidate/);
    expect(formatMarkdown(c)).toMatch(/failed \(missing on the candidate side\)/);
  });

  it('a job the candidate did not plan at all fails too; one only the candidate has does not', () => {
    const other = job({ workload: 'other', samplesNs: [1] });
    expect(compareSides(side([ok(0), other]), side([ok(0)])).failed).toBe(true);
    expect(compareSides(side([ok(0)]), side([ok(0), other])).failed).toBe(false);
  });

  it('an ab run without a result file counts as a broken run of every job', () => {
    const templates = [ok(0), job({ workload: 'other', samplesNs: [1] })];
    const broken = brokenRun(
      templates,
      { side: 'B', index: 3, file: null, exitCode: 134, wallMs: 5, tail: 'Aborted (core dumped)\n' },
      'pr.onnx',
    );
    expect(broken.map((j) => [j.workload, j.status, j.repeat])).toEqual([
      ['logreg-32', 'crashed', 2],
      ['other', 'crashed', 2],
    ]);
    expect(broken[0]!.error!.message).toMatch(/B3 \(pr\.onnx\) exited 134 without writing a result file: Aborted/);
    const c = compareSides(
      side([0, 1, 2, 3].map(ok)),
      side([...[0, 1, 2, 3].map((r) => ({ ...broken[0]!, repeat: r }))]),
    );
    expect(c.regression).toBe(true);
  });
});
