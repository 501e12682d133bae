/**
 * Whether a runtime runs a zoo precision on this machine, found by trying, never assumed from
 * its name: the runtime's descriptor says which precisions its adapter can hand over at all
 * (tfjs: fp32 only) and which device feature one needs (WebGPU fp16: the adapter's
 * `shader-f16`); then a one-node probe model at that precision (the zoo's logreg, one Gemm,
 * rewritten by models/precision) is loaded and run. A refusal is
 * `<runtime> has no <precision> kernels (<why>)`, recorded as status `unavailable`.
 */
import { buildModel } from '../models/index.js';
import { describeRuntime } from '../runtimes/index.js';
import { nodeGpu } from '../system/gpu-adapter.js';
import { randomSamples } from '../scenarios/samples.js';
import type { Precision, ResolvedSettings, Runtime } from '../types.js';

export type PrecisionSupport = { available: true } | { available: false; reason: string };

const firstLine = (err: unknown) =>
  String((err as Error)?.message ?? err)
    .trim()
    .split('\n')[0]!
    .replace(/^\/onnxruntime_src\/\S+ /, '')
    .slice(0, 300);

/** The message of a precision the runtime cannot run. */
export function noKernels(runtimeId: string, precision: Precision, why: string): string {
  return `${runtimeId} has no ${precision} kernels (${why})`;
}

/** Whether the default WebGPU adapter in this process (Dawn for Node) offers `feature`. */
async function adapterHas(feature: string): Promise<boolean | string> {
  const g = await nodeGpu();
  if ('unavailable' in g) return g.unavailable;
  const adapter = (await g.gpu.requestAdapter().catch(() => null)) as { features?: Iterable<string> } | null;
  if (!adapter) return 'no WebGPU adapter';
  return [...(adapter.features ?? [])].includes(feature);
}

/**
 * Checks `precision` on `runtime` (already created, in the job process). fp32 is always
 * supported. The probe runs one query at batch 1.
 */
export async function checkPrecision(
  runtimeId: string,
  runtime: Runtime,
  precision: Precision,
  settings: ResolvedSettings,
): Promise<PrecisionSupport> {
  if (precision === 'fp32') return { available: true };
  const descriptor = describeRuntime(runtimeId);
  if (!descriptor) return { available: false, reason: noKernels(runtimeId, precision, 'unknown runtime') };
  if (!descriptor.precisions.includes(precision))
    return {
      available: false,
      reason: noKernels(runtimeId, precision, descriptor.precisionNote ?? 'not offered by its adapter'),
    };
  const feature = descriptor.precisionNeeds?.[precision];
  if (feature && descriptor.host === 'node') {
    const has = await adapterHas(feature);
    if (has !== true)
      return {
        available: false,
        reason: noKernels(
          runtimeId,
          precision,
          has === false ? `the WebGPU adapter lacks ${feature}` : `${feature} not checked: ${has}`,
        ),
      };
  }
  const probe = await buildModel({
    kind: 'zoo',
    arch: 'logreg',
    params: { features: 8, classes: 4, precision },
    seed: 1,
  });
  try {
    const { session } = await runtime.load(probe, settings);
    try {
      await session.run(randomSamples(probe.inputs, 1, 1).feeds([0]));
    } finally {
      await session.dispose();
    }
  } catch (err) {
    return {
      available: false,
      reason: noKernels(runtimeId, precision, `a one-Gemm ${precision} probe model failed: ${firstLine(err)}`),
    };
  }
  return { available: true };
}

/** Whether a model's load error is a missing kernel (onnxruntime: "Could not find an implementation for <Op>(<opset>) node"). */
export function missingKernel(err: unknown): string | undefined {
  const msg = String((err as Error)?.message ?? err);
  const m = /Could not find an implementation for (\w+\(\d+\))/.exec(msg) ?? /(NOT_IMPLEMENTED[^\n]*)/.exec(msg);
  return m ? m[1] : undefined;
}
