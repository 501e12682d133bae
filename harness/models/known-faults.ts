/**
 * Known runtime faults: ops a runtime computes wrongly on a given adapter, keyed by runtime +
 * adapter + op signature, each with a minimal repro (one op, its shapes) that is generated and
 * run, never assumed. A job whose parity fails, whose model has the op signature and whose
 * adapter matches re-runs the repro on its runtime; only when the repro fails too is the failure
 * reported as "the runtime computes this op wrongly here" (JobResult.knownFault), with the max
 * error the repro measured. The job still fails: a wrong result is never a pass.
 *
 * Found with ../shared/probes/webgpu-conv.mjs (issue 28): on onnxruntime-node 1.30's WebGPU EP
 * over Mesa 25.0.7 llvmpipe, a Conv with 6 input channels is wrong (max abs diff 1.4-1.9 on
 * outputs of magnitude 1.1-1.8, kernels 3 and 5, valid or same, 8 or 16 filters); with 3, 4 or
 * 8 input channels it is right to 1e-6. Whether llvmpipe or ORT's kernel is at fault needs a
 * real GPU to tell.
 */
import { ARCH_FORMAT, ARCH_VERSION, type ArchDescription, type LayerSpec, type ResolvedArch } from '../arch.js';
import { artifactFromDescription } from './build-model.js';
import { createRng } from '../measure/random.js';
import type { Feeds, ModelArtifact, Runtime } from '../types.js';

export interface KnownFault {
  id: string;
  runtime: string;
  /** Matches the adapter's description (e.g. /llvmpipe/). */
  adapter: RegExp;
  op: string;
  /** The op signature in words. */
  signature: string;
  /** True when the model contains the signature. */
  matches(arch: ResolvedArch): boolean;
  /** The minimal repro: one op as an architecture description. */
  repro(): ArchDescription;
}

/** Every conv2d layer in a description (residual bodies and shortcuts included), with its input channels. */
export function conv2dInputChannels(desc: ArchDescription, arch: ResolvedArch): number[] {
  const out: number[] = [];
  const walk = (layers: LayerSpec[], prefix: string) =>
    layers.forEach((layer, i) => {
      const path = `${prefix}${i}`;
      if (layer.type === 'conv2d') {
        // tfjs layout [k, k, in, filters] (harness/models/weights.ts).
        const dims = arch.weights.get(path)?.kernelDims;
        if (dims) out.push(dims[2]!);
      } else if (layer.type === 'residual') {
        walk(layer.body, `${path}.body.`);
        if (layer.shortcut) walk(layer.shortcut, `${path}.shortcut.`);
      }
    });
  walk(desc.layers, '');
  return out;
}

/** One Conv: [1, 6, 14, 14] in, 16 filters of 5x5, valid padding (LeNet's second conv). */
function conv6Repro(): ArchDescription {
  return {
    format: ARCH_FORMAT,
    version: ARCH_VERSION,
    name: 'repro-conv-6in-16out-k5-14x14',
    input: { name: 'input', dims: [6, 14, 14] },
    output: { name: 'output' },
    seed: 11,
    layers: [{ type: 'conv2d', filters: 16, kernel: 5, padding: 'valid' }, { type: 'flatten' }],
  };
}

export const KNOWN_FAULTS: readonly KnownFault[] = [
  {
    id: 'ort-webgpu-llvmpipe-conv-6in',
    runtime: 'ort-node:webgpu',
    adapter: /llvmpipe/i,
    op: 'Conv',
    signature: 'Conv with 6 input channels',
    matches: (arch) => conv2dInputChannels(arch.description, arch).includes(6),
    repro: conv6Repro,
  },
];

/** The repro as a model and its inputs (seeded, uniform in [-1, 1]). */
export function reproCase(fault: KnownFault): { model: ModelArtifact; feeds: Feeds; shape: string } {
  const model = artifactFromDescription(fault.repro());
  const dims = [1, ...(model.inputs[0]!.dims.slice(1) as number[])];
  const rand = createRng(3);
  const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1);
  const kernel = [...(model.arch as ResolvedArch).weights.values()][0]!.kernelDims;
  const shape = `input [${dims.join(', ')}], kernel ${kernel[0]}x${kernel[1]}, ${kernel[2]} -> ${kernel[3]} channels`;
  return { model, feeds: { [model.inputs[0]!.name]: { dtype: 'float32', dims, data } }, shape };
}

/** Runs the repro on `runtime` and returns its max abs diff against the float64 reference. */
export async function runRepro(
  fault: KnownFault,
  runtime: Runtime,
  settings: Record<string, unknown> = {},
): Promise<{ maxAbsDiff: number; shape: string }> {
  const { checkParity } = await import('./parity.js');
  const { model, feeds, shape } = reproCase(fault);
  const { session } = await runtime.load(model, settings as never);
  try {
    const parity = await checkParity(model, feeds, await session.run(feeds));
    return { maxAbsDiff: 'maxAbsDiff' in parity ? parity.maxAbsDiff : 0, shape };
  } finally {
    await session.dispose();
  }
}

/** The known fault a failed parity check matches, confirmed by its repro; undefined otherwise. */
export async function confirmKnownFault(
  runtime: Runtime,
  model: ModelArtifact,
  adapterDescription: string | undefined,
  settings: Record<string, unknown>,
): Promise<{ id: string; op: string; signature: string; message: string; repro: string } | undefined> {
  if (!model.arch || !adapterDescription) return undefined;
  const fault = KNOWN_FAULTS.find(
    (f) => f.runtime === runtime.id && f.adapter.test(adapterDescription) && f.matches(model.arch as ResolvedArch),
  );
  if (!fault) return undefined;
  const { maxAbsDiff, shape } = await runRepro(fault, runtime, settings);
  if (!(maxAbsDiff > 1e-3)) return undefined;
  return {
    id: fault.id,
    op: fault.op,
    signature: fault.signature,
    message: `the repro (one ${fault.op}, ${shape}) differs from float64 by max abs diff ${maxAbsDiff.toPrecision(3)} on ${runtime.id}`,
    repro: `${fault.repro().name}: one ${fault.op}, ${shape}; mlbench's known fault ${fault.id} (harness/models/known-faults.ts)`,
  };
}
