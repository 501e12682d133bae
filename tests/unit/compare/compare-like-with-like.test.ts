import { describe, expect, it } from 'vitest';
import { compareSides, sideFromResults } from '../../../results/compare/index.js';
import { UsageError } from '../../../harness/errors.js';
import { job, latencies, machine, result } from './make-result.js';
import type { ResultFile } from '../../../results/schema.js';

const side = (r: ResultFile) => sideFromResults([r], ['x.json']);

describe('compare: like with like', () => {
  it('refuses different machines, naming both ids and the fields that differ', () => {
    const a = result([job()], 'm-1');
    const b = { ...result([job()], 'm-2'), machine: machine('m-2', { memoryBytes: 16 * 2 ** 30 }) };
    let err: unknown;
    try {
      compareSides(side(a), side(b));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe('E_MACHINE_MISMATCH');
    expect((err as Error).message).toMatch(/m-1.*m-2/);
    expect((err as Error).message).toMatch(/memoryBytes/);
    expect((err as Error).message).toMatch(/--allow-different-machine/);
  });

  it('compares different machines when allowed, with a warning', () => {
    const c = compareSides(side(result([job()], 'm-1')), side(result([job()], 'm-2')), { allowDifferentMachine: true });
    expect(c.machineWarning).toMatch(/m-1/);
    expect(c.jobs[0]!.verdict).toBe('inconclusive'); // judged (one run per side: not testable), not refused
  });

  it('marks a job whose protocol settings differ as not comparable, not judged', () => {
    const slow = job({ samplesNs: latencies(9, 400, 150_000), settings: { ...job().settings, minDurationMs: 5000 } });
    const c = compareSides(side(result([job()])), side(result([slow])));
    expect(c.jobs[0]!.verdict).toBe('not comparable');
    expect(c.jobs[0]!.differences.join()).toMatch(/minDurationMs: 2000 → 5000/);
    expect(c.regression).toBe(false);
    expect(c.tests).toBe(0);
  });

  it('marks a changed model as not comparable', () => {
    const other = job({ model: { kind: 'zoo', arch: 'logreg', params: { features: 64 }, seed: 7 } });
    expect(compareSides(side(result([job()])), side(result([other]))).jobs[0]!.verdict).toBe('not comparable');
  });

  it('judges runtime knobs (null.latencyUs) and lists them', () => {
    const runs = (medianNs: number, latencyUs: number) =>
      [0, 1, 2, 3, 4, 5].map((r) =>
        job({
          repeat: r,
          samplesNs: latencies(9 + r, 400, medianNs * (1 + 0.002 * r), 0.01),
          settings: { ...job().settings, 'null.latencyUs': latencyUs },
        }),
      );
    const c = compareSides(side(result(runs(100_000, 20))), side(result(runs(120_000, 24))));
    expect(c.jobs[0]!.verdict).toBe('regression');
    expect(c.jobs[0]!.differences.join()).toMatch(/null\.latencyUs: 20 → 24/);
  });

  it('lets --ignore-setting leave a protocol key out', () => {
    const other = job({ settings: { ...job().settings, seed: 3 } });
    expect(
      compareSides(side(result([job()])), side(result([other])), { ignoreSettings: ['seed'] }).jobs[0]!.verdict,
    ).not.toBe('not comparable');
  });

  it('reports jobs present on one side only as missing', () => {
    const extra = job({ workload: 'other' });
    const c = compareSides(side(result([job()])), side(result([job(), extra])));
    expect(c.jobs.find((j) => j.workload === 'other')!.verdict).toBe('missing');
    expect(c.regression).toBe(false);
  });

  it('a job unavailable on both sides is unchanged; on one side only, missing', () => {
    const gone = job({ status: 'unavailable', samplesNs: undefined });
    expect(compareSides(side(result([gone])), side(result([gone]))).jobs[0]!.verdict).toBe('unchanged');
    expect(compareSides(side(result([job()])), side(result([gone]))).jobs[0]!.verdict).toBe('missing');
  });
});
