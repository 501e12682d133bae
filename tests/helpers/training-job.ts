/**
 * A tabular training job built by hand for the training tests: a zoo model (`arch`, seed 1) on a
 * dataset slice, scenario `accuracy`, with complete settings (seed 42, caches under `dir`, then
 * the test's own settings). One home for what the training tests had each written out.
 */
import path from 'node:path';
import { completeSettings } from '../../harness/config/settings.js';
import type { TrainingSpec } from '../../harness/train/spec.js';
import type { Job } from '../../harness/types.js';

export interface TrainingJobSpec {
  /** Workload id (the job id is `t/<id>`). */
  id: string;
  arch: 'logreg' | 'mlp';
  dataset: { id: string; slice: string; target?: string };
  training: TrainingSpec;
  runtime: string;
  /** Folder of the dataset cache and the exported models. */
  dir: string;
  settings?: Record<string, unknown>;
}

export function trainingJob(s: TrainingJobSpec): Job {
  const workload = {
    id: s.id,
    kind: 'training' as const,
    description: '',
    model: { kind: 'zoo' as const, arch: s.arch, params: {}, seed: 1 },
    dataset: s.dataset,
    scenarios: ['accuracy' as const],
    extra: { training: s.training },
  };
  const settings = completeSettings({
    seed: 42,
    cacheDir: path.join(s.dir, 'cache'),
    'train.modelsDir': path.join(s.dir, 'models'),
    ...s.settings,
  });
  return { id: `t/${s.id}`, suite: 't', workload, runtime: s.runtime, scenario: 'accuracy', repeat: 0, settings };
}
