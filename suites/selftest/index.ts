/**
 * `selftest`: the harness checking itself. Null-runtime workloads that each inject one fault
 * (crash, hang, throw, oom) beside healthy ones, so one run shows every failure becoming data
 * while the other jobs still finish `ok`. Run it on a new machine or CI runner to see isolation,
 * timeouts and OOM detection work there.
 */
import type { Suite, Workload } from '../../harness/types.js';

const MODEL = { kind: 'zoo', arch: 'logreg', params: { features: 8 }, seed: 1 } as const;

function workload(id: string, description: string, settings: Workload['settings']): Workload {
  return {
    id,
    kind: 'inference',
    description,
    model: { ...MODEL, params: { ...MODEL.params } },
    scenarios: ['single-stream'],
    runtimes: ['null'],
    settings: { minDurationMs: 200, minQueryCount: 50, warmupMs: 0, warmupQueries: 5, ...settings },
  };
}

export const selftestSuite: Suite = {
  id: 'selftest',
  describe: () =>
    'Fault injection on the null runtime: healthy jobs beside ones that crash, hang, throw and run out of memory.',
  workloads: () => [
    workload('healthy-before', 'no fault', {}),
    workload('crash', 'the job process aborts (null.fail=crash) -> crashed', { 'null.fail': 'crash' }),
    workload('hang', 'the job never returns (null.fail=hang) -> timeout after 3 s', {
      'null.fail': 'hang',
      timeoutMs: 3000,
    }),
    workload('throw', 'the session throws (null.fail=throw) -> failed', { 'null.fail': 'throw' }),
    workload('oom', 'the job fills a 96 MB heap (null.fail=oom) -> oom', { 'null.fail': 'oom', memoryLimitMb: 96 }),
    workload('healthy-after', 'no fault', {}),
  ],
};
