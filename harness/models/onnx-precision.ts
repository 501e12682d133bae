/**
 * The precision of an ONNX file someone else wrote, read from its ops and initializer types:
 * - int8 dynamic: DynamicQuantizeLinear, MatMulInteger or ConvInteger (what onnxruntime's
 *   quantize_dynamic writes): activations are quantized at run time, so runtimes may differ by
 *   one quantization step; parity uses int8's tolerance;
 * - int8 static: QLinear* ops or QuantizeLinear (QDQ, quantize_static): fixed activation
 *   scales, the same rounding steps; int8's tolerance;
 * - int8 weight-only: DequantizeLinear on initializers and no QuantizeLinear (weights stored as
 *   int8, computed in float); int8's tolerance, since onnxruntime's graph optimiser may fuse
 *   DequantizeLinear -> MatMul into a kernel that quantizes the activations too (measured on the
 *   zoo bert at int8w: 2.9e-2 x RMS against the float64 evaluator on ort-node:cpu);
 * - int4 weight-only: com.microsoft MatMulNBits; int8's tolerance;
 * - fp16: float16 initializers, inputs or outputs; fp16's tolerance;
 * - fp32 otherwise.
 * Pure: decodes bytes (onnx-proto), runs nothing.
 */
import onnxProto from 'onnx-proto';
import type { ParityPrecision } from './parity.js';

const { onnx } = onnxProto;
const FLOAT16 = 10;
const INT8_TYPES = new Set([2, 3]); // uint8, int8

export type PrecisionScheme =
  'fp32' | 'fp16' | 'int8 dynamic' | 'int8 static' | 'int8 weight-only' | 'int4 weight-only';

/** What `mlbench model` records as `settings.modelPrecision` and prints. */
export interface ModelPrecision {
  scheme: PrecisionScheme;
  /** The precision whose parity tolerance applies (models/parity.ts parityTolerance). */
  tolerance: ParityPrecision;
  /** What the scheme was read from: op counts and initializer types, e.g. `12 DynamicQuantizeLinear, 12 MatMulInteger; 24 int8/uint8 initializers`. */
  evidence: string;
}

/** Reads a decoded or encoded model's precision. */
export function onnxPrecision(model: Uint8Array | onnxProto.onnx.IModelProto): ModelPrecision {
  const graph = (model instanceof Uint8Array ? onnx.ModelProto.decode(model) : model).graph ?? {};
  const ops = new Map<string, number>();
  // Subgraphs (If/Loop bodies) count too: a quantized body is a quantized model.
  const walk = (g: onnxProto.onnx.IGraphProto) => {
    for (const n of g.node ?? []) {
      ops.set(n.opType ?? '', (ops.get(n.opType ?? '') ?? 0) + 1);
      for (const a of n.attribute ?? []) {
        if (a.g) walk(a.g);
        for (const sub of a.graphs ?? []) walk(sub);
      }
    }
  };
  walk(graph);
  const initializers = graph.initializer ?? [];
  const initNames = new Set(initializers.map((t) => t.name ?? ''));
  const count = (re: RegExp) => [...ops].filter(([op]) => re.test(op));
  const listed = (entries: Array<[string, number]>) => entries.map(([op, n]) => `${n} ${op}`).join(', ');
  const int8Inits = initializers.filter((t) => INT8_TYPES.has(Number(t.dataType))).length;
  const halfInits = initializers.filter((t) => Number(t.dataType) === FLOAT16).length;
  const withInits = (text: string) => `${text}${int8Inits ? `; ${int8Inits} int8/uint8 initializers` : ''}`;

  const dynamic = count(/^(DynamicQuantizeLinear|MatMulInteger|ConvInteger)$/);
  if (dynamic.length) return { scheme: 'int8 dynamic', tolerance: 'int8', evidence: withInits(listed(dynamic)) };
  const stat = count(/^(QLinear\w+|QuantizeLinear|QGemm|QAttention)$/);
  if (stat.length)
    return {
      scheme: 'int8 static',
      tolerance: 'int8',
      evidence: withInits(listed([...stat, ...count(/^DequantizeLinear$/)])),
    };
  const nbits = count(/^MatMulNBits$/);
  if (nbits.length) return { scheme: 'int4 weight-only', tolerance: 'int8', evidence: withInits(listed(nbits)) };
  const dequant = count(/^DequantizeLinear$/);
  if (dequant.length) {
    const onWeights = (graph.node ?? []).filter(
      (n) => n.opType === 'DequantizeLinear' && initNames.has(n.input?.[0] ?? ''),
    ).length;
    return {
      scheme: 'int8 weight-only',
      tolerance: 'int8',
      evidence: withInits(`${listed(dequant)} (${onWeights} on initializers)`),
    };
  }
  const elem = (v: onnxProto.onnx.IValueInfoProto) => Number(v.type?.tensorType?.elemType ?? 0);
  const halfIo = [...(graph.input ?? []), ...(graph.output ?? [])]
    .filter((v) => elem(v) === FLOAT16)
    .map((v) => v.name ?? '');
  if (halfInits || halfIo.length) {
    return {
      scheme: 'fp16',
      tolerance: 'fp16',
      evidence: [
        halfInits ? `${halfInits} float16 initializers` : '',
        halfIo.length ? `float16 ${halfIo.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    };
  }
  return { scheme: 'fp32', tolerance: 'fp32', evidence: 'no quantization ops, no float16 tensors' };
}

/** One line for the terminal and the result's notes: `precision: int8 dynamic (...); parity tolerance int8`. */
export function precisionNote(p: ModelPrecision): string {
  return `precision: ${p.scheme} (${p.evidence}); parity uses ${p.tolerance}'s tolerance`;
}
