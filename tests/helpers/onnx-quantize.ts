/**
 * Writes held-out quantized variants of an ONNX model, as the tools users run would:
 * - `dynamic`: what onnxruntime's quantize_dynamic writes for MatMul (weights int8 symmetric per
 *   tensor, scale max|w| / 127; activations DynamicQuantizeLinear -> MatMulInteger -> Cast ->
 *   Mul by x_scale * w_scale);
 * - `weight-only`: int8 weights dequantized in the graph (DequantizeLinear -> MatMul).
 * Only MatMuls whose second operand is a 2-D float initializer are rewritten. Test-only code,
 * written from the ONNX operator specs and the quantizer's documented output, not copied.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { FLOAT, INT8 } = onnx.TensorProto.DataType;

const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

function floatsOf(t: onnxProto.onnx.ITensorProto): Float32Array {
  if (t.rawData?.length) return new Float32Array(t.rawData.slice().buffer, 0, t.rawData.length / 4);
  return Float32Array.from(t.floatData ?? []);
}

export function quantizeMatMuls(bytes: Uint8Array, mode: 'dynamic' | 'weight-only'): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const inits = new Map(graph.initializer!.map((t) => [t.name!, t]));
  const nodes: onnxProto.onnx.INodeProto[] = [];
  let k = 0;
  for (const n of graph.node!) {
    const w = inits.get(n.input?.[1] ?? '');
    if (n.opType !== 'MatMul' || !w || w.dims?.length !== 2 || Number(w.dataType) !== FLOAT) {
      nodes.push(n);
      continue;
    }
    const values = floatsOf(w);
    const scale = Math.fround(values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / 127) || 1;
    const q = Int8Array.from(values, (v) => Math.max(-127, Math.min(127, roundHalfEven(v / scale))));
    const p = `${n.input![1]}_q${k++}`;
    graph.initializer!.push(
      { name: `${p}_int8`, dataType: INT8, dims: w.dims, rawData: new Uint8Array(q.buffer) },
      { name: `${p}_scale`, dataType: FLOAT, dims: [], floatData: [scale] },
      { name: `${p}_zero`, dataType: INT8, dims: [], int32Data: [0] },
    );
    const [x] = n.input!;
    const [y] = n.output!;
    if (mode === 'weight-only') {
      nodes.push({
        opType: 'DequantizeLinear',
        input: [`${p}_int8`, `${p}_scale`, `${p}_zero`],
        output: [`${p}_w`],
        name: `${p}_dq`,
      });
      nodes.push({ ...n, input: [x!, `${p}_w`] });
      continue;
    }
    nodes.push(
      { opType: 'DynamicQuantizeLinear', input: [x!], output: [`${p}_xq`, `${p}_xs`, `${p}_xz`], name: `${p}_dql` },
      {
        opType: 'MatMulInteger',
        input: [`${p}_xq`, `${p}_int8`, `${p}_xz`, `${p}_zero`],
        output: [`${p}_i32`],
        name: `${p}_mmi`,
      },
      { opType: 'Mul', input: [`${p}_xs`, `${p}_scale`], output: [`${p}_s`], name: `${p}_scale_mul` },
      {
        opType: 'Cast',
        input: [`${p}_i32`],
        output: [`${p}_f`],
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
        name: `${p}_cast`,
      },
      { opType: 'Mul', input: [`${p}_f`, `${p}_s`], output: [y!], name: `${p}_out` },
    );
  }
  graph.node = nodes;
  // The float weights no node reads any more are dropped, as the quantizer does.
  const read = new Set(nodes.flatMap((n) => n.input ?? []));
  graph.initializer = graph.initializer!.filter((t) => read.has(t.name!));
  return onnx.ModelProto.encode(model).finish();
}
