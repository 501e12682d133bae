/**
 * fp32 ONNX graph -> fp16 graph: every FLOAT initializer becomes FLOAT16 (values beyond float16's
 * range, 65504, are clamped to it, so a masked score of -1e9 stays finite), every float32 graph
 * input gets a Cast to float16 in front of its readers and every float32 graph output a Cast
 * back to float32, so feeds and outputs stay float32. Casts to FLOAT inside the graph become
 * casts to FLOAT16. Integer tensors (ids, shapes, masks) are untouched.
 */
import onnxProto from 'onnx-proto';
import { float16Bits } from '../../inputs/half-float.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
const FLOAT16_MAX = 65504;

function initializerToFp16(t: onnxProto.onnx.ITensorProto): onnxProto.onnx.ITensorProto {
  const raw = t.rawData!;
  const f = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const h = new Uint16Array(f.length);
  for (let i = 0; i < f.length; i++) h[i] = float16Bits(Math.max(-FLOAT16_MAX, Math.min(FLOAT16_MAX, f[i]!)));
  return { ...t, dataType: FLOAT16, rawData: new Uint8Array(h.buffer), floatData: [] };
}

const isFloat = (v: onnxProto.onnx.IValueInfoProto) => Number(v.type?.tensorType?.elemType) === FLOAT;

/** Rewrites `graph` in place to compute in float16 with float32 inputs and outputs. */
export function graphToFp16(graph: onnxProto.onnx.IGraphProto): void {
  graph.initializer = (graph.initializer ?? []).map((t) => (Number(t.dataType) === FLOAT ? initializerToFp16(t) : t));
  const nodes = graph.node ?? [];
  for (const n of nodes) {
    if (n.opType !== 'Cast') continue;
    for (const a of n.attribute ?? []) if (a.name === 'to' && Number(a.i) === FLOAT) a.i = FLOAT16;
  }
  const head: onnxProto.onnx.INodeProto[] = [];
  for (const input of (graph.input ?? []).filter(isFloat)) {
    const name = input.name!;
    const half = `${name}_fp16`;
    for (const n of nodes) n.input = (n.input ?? []).map((x) => (x === name ? half : x));
    head.push({
      opType: 'Cast',
      input: [name],
      output: [half],
      name: `cast_in_${name}`,
      attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT16 }],
    });
  }
  const tail: onnxProto.onnx.INodeProto[] = [];
  for (const output of (graph.output ?? []).filter(isFloat)) {
    const name = output.name!;
    const half = `${name}_fp16`;
    for (const n of nodes) {
      n.output = (n.output ?? []).map((x) => (x === name ? half : x));
      n.input = (n.input ?? []).map((x) => (x === name ? half : x));
    }
    tail.push({
      opType: 'Cast',
      input: [half],
      output: [name],
      name: `cast_out_${name}`,
      attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
    });
  }
  graph.node = [...head, ...nodes, ...tail];
}
