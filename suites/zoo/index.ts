/**
 * `zoo`: MLPerf-like inference on the model zoo's MobileNet-like and ResNet-like models, each at
 * batch 1 (single-stream) and at a larger batch (offline, settings.batchSize), on every runtime
 * that can run a zoo model. Every job checks parity against the float64 reference and records FLOPs,
 * achievedGflops and cold start (harness/isolate/execute.ts).
 *
 * Sizes: `quick` is CI-sized (64x64 input, narrow and shallow) so the suite stays within about
 * two minutes on a 2-core machine; `standard` and `full` use the published 224x224 shapes
 * (MobileNet v1 width 32 with 13 blocks, ResNet-18-like). The measurement settings are per
 * workload and recorded in every job: quick stops at 64 single-stream queries (the fewest
 * LoadGen early stopping accepts for a p90) or 500 ms, whichever is later, because tfjs:cpu
 * (pure JS) takes ~60-80 ms per query even there. At 224x224 tfjs:cpu needs seconds per query,
 * so in `standard` it runs separate, shorter workloads (`*-short`, 8 queries) whose verdict
 * is honestly INVALID (too few queries for early stopping) rather than a 15-minute job.
 */
import type { Profile, ResolvedSettings, Suite, Workload } from '../../harness/types.js';
import { runtimesAt } from '../profile-runtimes.js';

/** Every runtime that builds zoo models; the unavailable ones are recorded with their reason. */
export const ZOO_RUNTIMES = [
  'ort-node:cpu',
  'ort-node:cuda',
  'ort-node:webgpu',
  'ort-web:wasm',
  'tfjs:cpu',
  'tfjs:wasm',
  'tfjs:webgpu',
  'tfjs-node:tensorflow',
  'tfjs-node-gpu:cuda',
  // The same libraries inside headless Chromium (harness/browser): planned only when asked for
  // with --runtime (a browser per job), e.g. --runtime ort-web:wasm,chromium/ort-web:wasm.
  'chromium/ort-web:wasm',
  'chromium/tfjs:wasm',
  'chromium/tfjs:webgl',
  'chromium/ort-web:webgpu',
  'chromium/tfjs:webgpu',
] as const;

/** tfjs's pure-JS backend, too slow at 224x224 for full-length measurement. */
const SLOW_RUNTIME = 'tfjs:cpu';

const SEED = 11;

interface ZooModel {
  id: string;
  arch: 'mobilenet' | 'resnet';
  params: Record<string, number>;
  what: string;
}

function models(profile: Profile): ZooModel[] {
  if (profile === 'quick') {
    return [
      {
        id: 'mobilenet-q64',
        arch: 'mobilenet',
        params: { resolution: 64, width: 16, depth: 7, classes: 100 },
        what: 'MobileNet-like, 64x64, width 16, 7 depthwise-separable blocks, 100 classes',
      },
      {
        id: 'resnet-q64',
        arch: 'resnet',
        params: { resolution: 64, width: 16, depth: 3, classes: 100 },
        what: 'ResNet-like, 64x64, width 16, 3 stages of 2 basic blocks, 100 classes',
      },
    ];
  }
  return [
    {
      id: 'mobilenet-224',
      arch: 'mobilenet',
      params: {},
      what: 'MobileNet-v1-like, 224x224, width 32, 13 depthwise-separable blocks, 1000 classes',
    },
    {
      id: 'resnet-224',
      arch: 'resnet',
      params: {},
      what: 'ResNet-18-like, 224x224, width 64, 4 stages of 2 basic blocks, 1000 classes',
    },
  ];
}

function settingsFor(profile: Profile, short: boolean): Partial<ResolvedSettings> {
  if (profile === 'quick')
    return { minDurationMs: 500, minQueryCount: 64, warmupQueries: 4, warmupMs: 100, batchSize: 8 };
  if (short)
    return { minDurationMs: 0, minQueryCount: 8, warmupQueries: 1, warmupMs: 0, batchSize: 8, timeoutMs: 900_000 };
  return { minDurationMs: 5_000, minQueryCount: 256, batchSize: 32, timeoutMs: 600_000 };
}

function workloadsOf(model: ZooModel, profile: Profile, runtimes: string[], suffix: string): Workload[] {
  const short = suffix !== '';
  const settings = settingsFor(profile, short);
  const base = {
    kind: 'inference' as const,
    model: { kind: 'zoo' as const, arch: model.arch, params: model.params, seed: SEED },
    runtimes,
    settings,
  };
  const note = short ? ' (shortened measurement for a slow runtime: 8 queries, INVALID by LoadGen rules)' : '';
  return [
    {
      ...base,
      id: `${model.id}-b1${suffix}`,
      description: `${model.what}; batch 1, single-stream${note}`,
      scenarios: ['single-stream'],
    },
    {
      ...base,
      id: `${model.id}-batch${suffix}`,
      description: `${model.what}; batch ${String(settings.batchSize)}, offline${note}`,
      scenarios: ['offline'],
    },
  ];
}

export const zooSuite: Suite = {
  id: 'zoo',
  describe: () =>
    'MobileNet-like and ResNet-like models at batch 1 (single-stream) and a larger batch (offline) on every runtime, with parity, FLOPs and cold start.',
  workloads(profile: Profile): Workload[] {
    const all = [...ZOO_RUNTIMES];
    if (profile === 'quick')
      return models(profile).flatMap((m) => workloadsOf(m, profile, runtimesAt(profile, all), ''));
    const fast = all.filter((r) => r !== SLOW_RUNTIME);
    return models(profile).flatMap((m) => [
      ...workloadsOf(m, profile, fast, ''),
      ...workloadsOf(m, profile, [SLOW_RUNTIME], '-short'),
    ]);
  },
};
