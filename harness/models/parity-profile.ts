/**
 * What parity's tolerance depends on, read from the model: its precision (int8 when the graph
 * quantizes: DynamicQuantizeLinear, MatMulInteger, ConvInteger, QLinear*, DequantizeLinear;
 * fp16 when a float16 input, output or initializer appears; else fp32), the longest accumulation
 * K (the widest fan-in of a description's dense/conv kernels; unknown for files), and the outputs
 * a Softmax produces (compared as logits). Pure: decodes bytes, no runtime.
 */
import onnxProto from 'onnx-proto';
import type { ResolvedArch } from '../arch.js';
import type { ModelArtifact } from '../types.js';
import { DEFAULT_ACCUMULATION, type ParityPrecision } from './parity.js';

const { onnx } = onnxProto;
const QUANT_OPS = /^(DynamicQuantizeLinear|MatMulInteger|ConvInteger|QLinear\w+|DequantizeLinear|QuantizeLinear|MatMulNBits)$/;
const FLOAT16 = 10;

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
    const fanIn = dims.length === 4 && dims[3] === 1 ? dims[0]! * dims[1]! : dims.slice(0, -1).reduce((a, b) => a * b, 1);
    k = Math.max(k, fanIn);
  }
  const last = arch.description.layers.at(-1) as { activation?: string } | undefined;
  return { precision: 'fp32', accumulation: k, softmaxOutputs: new Set(last?.activation === 'softmax' ? [arch.description.output.name] : []) };
}

function onnxProfile(bytes: Uint8Array): ParityProfile {
  const graph = onnx.ModelProto.decode(bytes).graph;
  const nodes = graph?.node ?? [];
  const quantized = nodes.some((n) => QUANT_OPS.test(n.opType ?? ''));
  const elem = (v: onnxProto.onnx.IValueInfoProto) => Number(v.type?.tensorType?.elemType ?? 0);
  const half = [...(graph?.input ?? []), ...(graph?.output ?? [])].some((v) => elem(v) === FLOAT16)
    || (graph?.initializer ?? []).some((t) => Number(t.dataType) === FLOAT16);
  const outputs = new Set((graph?.output ?? []).map((v) => v.name ?? ''));
  const softmaxOutputs = new Set(nodes.filter((n) => n.opType === 'Softmax').flatMap((n) => n.output ?? []).filter((o) => outputs.has(o)));
  return { precision: quantized ? 'int8' : half ? 'fp16' : 'fp32', accumulation: DEFAULT_ACCUMULATION, softmaxOutputs };
}

/** The model's parity profile (a TF.js model.json: fp32, unknown K, no softmax outputs known). */
export function parityProfile(model: ModelArtifact): ParityProfile {
  if (model.arch) return archProfile(model.arch as ResolvedArch);
  if (model.onnx.length > 0) return onnxProfile(model.onnx);
  return { precision: 'fp32', accumulation: DEFAULT_ACCUMULATION, softmaxOutputs: new Set() };
}
