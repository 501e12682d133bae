/**
 * `smoke`: one small model the harness writes itself (logistic regression, 32 features,
 * seeded weights) on the null runtime and onnxruntime-node's CPU EP. It proves the whole path
 * (plan, isolation, runtime, measurement, result file) in well under 30 s.
 */
import type { Profile, Suite, Workload } from '../../harness/types.js';

const FEATURES = 32;

export const smokeSuite: Suite = {
  id: 'smoke',
  describe: () =>
    'Logistic regression (32 features) written by mlbench, on null and ort-node:cpu: a fast end-to-end check.',
  workloads(profile: Profile): Workload[] {
    return [
      {
        id: 'logreg-32',
        kind: 'inference',
        description: `logistic regression, ${FEATURES} features, batch 1`,
        model: { kind: 'zoo', arch: 'logreg', params: { features: FEATURES }, seed: 7 },
        scenarios: ['single-stream'],
        runtimes: ['null', 'ort-node:cpu'],
        settings: profile === 'quick' ? { minDurationMs: 1000, minQueryCount: 500 } : {},
      },
    ];
  },
};
