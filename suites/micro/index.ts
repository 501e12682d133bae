/**
 * `micro`: single ops (matmul, conv2d, depthwise conv2d, softmax, gather) at a few sizes on every
 * runtime, timed with tinybench in the job process (harness/micro). Compute-bound ops report
 * GFLOP/s, memory-bound ones GB/s. Each runtime's best matmul figure is its measured peak on
 * this machine, which inference jobs of the same run (or later runs on the same machine)
 * report their achievedGflops against (`peakPercent`).
 *
 * One workload per op and size, so every (op, size, runtime) is its own job in its own process
 * and a crash or unsupported op costs one row. The scenario is `single-stream` (one call at a
 * time, back to back), which is what a tinybench task loop is.
 */
import type { Profile, ResolvedSettings, Suite, Workload } from '../../harness/types.js';
import { MICRO_OPS, type MicroOpId } from '../../harness/micro/ops.js';
import { runtimesAt } from '../profile-runtimes.js';

/** Every runtime the micro ops run on; the unavailable ones are recorded with their reason. */
export const MICRO_RUNTIMES = [
  'ort-node:cpu',
  'ort-node:cuda',
  'ort-node:webgpu',
  'ort-web:wasm',
  'tfjs:cpu',
  'tfjs:wasm',
  'tfjs-node:tensorflow',
  'tfjs-node-gpu:cuda',
] as const;

type Sizes = Array<[MicroOpId, Record<string, number>]>;

/**
 * quick: one size per op (the default run's 180 s budget: each job is a process start plus a
 * runtime load, ~1 s here), the matmul at 512 so the zoo's % of peak has a real peak.
 */
const QUICK: Sizes = [
  ['matmul', { m: 512, k: 512, n: 512 }],
  ['conv2d', { channels: 32, size: 28, kernel: 3 }],
  ['depthwiseConv2d', { channels: 64, size: 56, kernel: 3 }],
  ['softmax', { rows: 64, cols: 1000 }],
  ['gather', { vocab: 10_000, dim: 128, indices: 512 }],
];

/** standard and full: MobileNet/ResNet-sized layers and a 1024 matmul. */
const STANDARD: Sizes = [
  ['matmul', { m: 256, k: 256, n: 256 }],
  ['matmul', { m: 512, k: 512, n: 512 }],
  ['matmul', { m: 1024, k: 1024, n: 1024 }],
  ['conv2d', { channels: 64, size: 56, kernel: 3 }],
  ['conv2d', { channels: 128, size: 28, kernel: 3 }],
  ['conv2d', { channels: 256, size: 14, kernel: 3 }],
  ['depthwiseConv2d', { channels: 128, size: 112, kernel: 3 }],
  ['depthwiseConv2d', { channels: 512, size: 14, kernel: 3 }],
  ['softmax', { rows: 64, cols: 1000 }],
  ['softmax', { rows: 128, cols: 32_000 }],
  ['gather', { vocab: 30_000, dim: 768, indices: 512 }],
  ['gather', { vocab: 100_000, dim: 256, indices: 8192 }],
];

function settingsFor(profile: Profile): Partial<ResolvedSettings> {
  return profile === 'quick'
    ? { minDurationMs: 300, minQueryCount: 10, warmupMs: 50, warmupQueries: 3 }
    : { minDurationMs: 1_000, minQueryCount: 30, warmupMs: 200, warmupQueries: 5, timeoutMs: 600_000 };
}

export const microSuite: Suite = {
  id: 'micro',
  describe: () =>
    "Single ops (matmul, conv2d, depthwise conv2d, softmax, gather) at a few sizes on every runtime, timed with tinybench: GFLOP/s or GB/s, and each runtime's matmul peak.",
  workloads(profile: Profile): Workload[] {
    return (profile === 'quick' ? QUICK : STANDARD)
      .map(([opId, params]): Workload => {
        const op = MICRO_OPS[opId];
        const label = op.label({ ...op.defaults, ...params });
        return {
          id: `${opId}-${label}`,
          kind: 'inference',
          description: `${op.description}; ${label}; reports ${op.bound === 'compute' ? 'GFLOP/s' : 'GB/s'}`,
          model: { kind: 'micro', op: opId, params },
          scenarios: ['single-stream'],
          // A tinybench loop of one op: the LoadGen scenarios do not apply.
          supports: ['single-stream'],
          runtimes: runtimesAt(profile, MICRO_RUNTIMES),
          settings: settingsFor(profile),
        };
      })
      .concat([
        {
          // The host's copy bandwidth, STREAM-style (harness/micro/stream-copy.ts): the floor of LLM
          // decode (bytes read per token / bandwidth). One row: the runtime is not used, so it runs under ort-node:cpu only.
          id: 'streamCopy-128MiB',
          kind: 'inference',
          description:
            'STREAM-like copy of a 128 MiB array (Float64Array.set), best of 10 passes, 2 x bytes counted; reports GB/s of host memory',
          model: { kind: 'micro', op: 'streamCopy', params: { mib: 128, passes: 10 } },
          scenarios: ['single-stream'],
          supports: ['single-stream'],
          runtimes: ['ort-node:cpu'],
          settings: settingsFor(profile),
        },
      ]);
  },
};
