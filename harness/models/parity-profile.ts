/**
 * What parity's tolerance depends on, read from the model: its precision (an ONNX file's from
 * its ops and initializer types, models/onnx-precision.ts: int8 dynamic or static -> int8,
 * int8 weight-only -> int8, float16 tensors -> fp16), the longest accumulation
 * K (the widest fan-in of a description's dense/conv kernels; unknown for files), and the outputs
 * a Softmax produces (compared as logits). Pure: decodes bytes, no runtime.
 */
import onnxProto from 'onnx-proto';
import type { ResolvedArch } from '../arch.js';
import type { ModelArtifact } from '../types.js';
import { onnxPrecision } from './onnx-precision.js';
import { DEFAULT_ACCUMULATION, type ParityPrecision } from './parity.js';

const { onnx } = onnxProto;

export interface ParityProfile {
  precision: ParityPrecision;
  accumulation: number;
  softmaxOutputs: Set<string>;
}

function archProfile(arch: ResolvedArch): ParityProfile {
  let k = 1;
  // A kernel's fan-in: every dim but the last (dense [in, out]; conv [kh, kw, in, out]; depthwise [kh, kw, C, 1] -> kh * kw).
  for (const w of arch.weights.values()) {
    const dims = w.kernelDims;
    const fanIn =
      dims.length === 4 && dims[3] === 1 ? dims[0]! * dims[1]! : dims.slice(0, -1).reduce((a, b) => a * b, 1);
    k = Math.max(k, fanIn);
  }
  const last = arch.description.layers.at(-1) as { activation?: string } | undefined;
  return {
    precision: 'fp32',
    accumulation: k,
    softmaxOutputs: new Set(last?.activation === 'softmax' ? [arch.description.output.name] : []),
  };
}

function onnxProfile(bytes: Uint8Array): ParityProfile {
  const model = onnx.ModelProto.decode(bytes);
  const nodes = model.graph?.node ?? [];
  const outputs = new Set((model.graph?.output ?? []).map((v) => v.name ?? ''));
  const softmaxOutputs = new Set(
    nodes
      .filter((n) => n.opType === 'Softmax')
      .flatMap((n) => n.output ?? [])
      .filter((o) => outputs.has(o)),
  );
  return { precision: onnxPrecision(model).tolerance, accumulation: DEFAULT_ACCUMULATION, softmaxOutputs };
}

/** The model's parity profile (a TF.js model.json: fp32, unknown K, no softmax outputs known). */
export function parityProfile(model: ModelArtifact): ParityProfile {
  if (model.arch) return archProfile(model.arch as ResolvedArch);
  if (model.onnx.length > 0) return onnxProfile(model.onnx);
  return { precision: 'fp32', accumulation: DEFAULT_ACCUMULATION, softmaxOutputs: new Set() };
}
