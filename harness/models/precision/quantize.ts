/**
 * fp32 ONNX graph -> int8 graphs, rewriting every MatMul and Gemm whose weight (second input) is
 * a 2-D float initializer; other nodes (Conv, attention's activation x activation MatMuls, a
 * Transpose'd tied LM head) stay float32.
 *
 * - quantizeDynamic, as onnxruntime's quantize_dynamic writes it (weight_type QInt8,
 *   per_channel off): `DynamicQuantizeLinear(x) -> (x_q uint8, x_scale, x_zero_point)`;
 *   `MatMulInteger(x_q, W_q int8, x_zero_point, W_zero_point = 0) -> int32`; `Cast -> float`;
 *   `Mul(x_scale, W_scale)`; `Mul` of the two; Gemm's bias added after (`Add`).
 *   W_scale = max|W| / 127 (symmetric, per tensor).
 * - quantizeWeightOnly (W8A32): `DequantizeLinear(W_q int8, W_scale[N], W_zero_point[N] = 0,
 *   axis = 1) -> MatMul` (Gemm -> MatMul + Add), W_scale[n] = max|W[:, n]| / 127 per output column.
 * Gemm with alpha, beta or transA other than the defaults is left as it is; transB is folded.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;
type Node = onnxProto.onnx.INodeProto;
type Init = onnxProto.onnx.ITensorProto;

function floats(t: Init): Float32Array {
  const raw = t.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function attr(n: Node, name: string): number | undefined {
  const a = (n.attribute ?? []).find((x) => x.name === name);
  return a ? Number(a.i ?? a.f) : undefined;
}

/** The [K, N] weight of a MatMul or default Gemm (transB folded), or null when the node is not rewritten. */
function weightOf(n: Node, inits: Map<string, Init>): { data: Float32Array; k: number; n: number } | null {
  const w = inits.get(n.input?.[1] ?? '');
  if (!w || Number(w.dataType) !== T.FLOAT || (w.dims ?? []).length !== 2 || !w.rawData) return null;
  const [rows, cols] = (w.dims ?? []).map(Number) as [number, number];
  if (n.opType === 'MatMul') return { data: floats(w), k: rows, n: cols };
  if (
    n.opType !== 'Gemm' ||
    (attr(n, 'transA') ?? 0) !== 0 ||
    (attr(n, 'alpha') ?? 1) !== 1 ||
    (attr(n, 'beta') ?? 1) !== 1
  )
    return null;
  const data = floats(w);
  if ((attr(n, 'transB') ?? 0) === 0) return { data, k: rows, n: cols };
  const t = new Float32Array(data.length); // [N, K] -> [K, N]
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = data[i * cols + j]!;
  return { data: t, k: cols, n: rows };
}

/** Symmetric int8 of `data` [K, N] with one scale per column (`perColumn`) or one for all. */
function toInt8(data: Float32Array, k: number, n: number, perColumn: boolean): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(perColumn ? n : 1);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < n; j++) {
      const s = perColumn ? j : 0;
      scales[s] = Math.max(scales[s]!, Math.abs(data[i * n + j]!));
    }
  for (let s = 0; s < scales.length; s++) scales[s] = scales[s]! > 0 ? scales[s]! / 127 : 1;
  const q = new Int8Array(data.length);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < n; j++)
      q[i * n + j] = Math.max(-127, Math.min(127, Math.round(data[i * n + j]! / scales[perColumn ? j : 0]!)));
  return { q, scales };
}

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Rewrites the graph's MatMul/Gemm nodes with weight initializers; `emit` writes one node's replacement. */
function rewrite(
  graph: onnxProto.onnx.IGraphProto,
  emit: (
    n: Node,
    w: { data: Float32Array; k: number; n: number },
    out: Node[],
    add: (t: Init) => string,
    tag: string,
  ) => void,
): number {
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const added: Init[] = [];
  const add = (t: Init) => {
    added.push(t);
    return t.name!;
  };
  const nodes: Node[] = [];
  let count = 0;
  for (const node of graph.node ?? []) {
    const w = weightOf(node, inits);
    if (!w) {
      nodes.push(node);
      continue;
    }
    emit(node, w, nodes, add, `q${count++}`);
  }
  graph.node = nodes;
  // Float weights no node reads any more are dropped (their int8 copies replace them).
  const used = new Set(nodes.flatMap((n) => n.input ?? []));
  graph.initializer = [...(graph.initializer ?? []).filter((t) => used.has(t.name ?? '')), ...added];
  return count;
}

/** Dynamic int8 quantization of MatMul/Gemm (onnxruntime quantize_dynamic's graph). Returns the nodes rewritten. */
export function quantizeDynamic(graph: onnxProto.onnx.IGraphProto): number {
  return rewrite(graph, (node, w, out, add, tag) => {
    const { q, scales } = toInt8(w.data, w.k, w.n, false);
    const wq = add({ name: `${tag}_W_quantized`, dims: [w.k, w.n], dataType: T.INT8, rawData: bytes(q) });
    const ws = add({ name: `${tag}_W_scale`, dims: [], dataType: T.FLOAT, rawData: bytes(scales) });
    const wz = add({ name: `${tag}_W_zero_point`, dims: [], dataType: T.INT8, rawData: new Uint8Array(1) });
    const x = node.input![0]!;
    const y = node.output![0]!;
    const hasBias = node.opType === 'Gemm' && (node.input?.[2] ?? '') !== '';
    out.push(
      {
        opType: 'DynamicQuantizeLinear',
        input: [x],
        output: [`${tag}_x_q`, `${tag}_x_scale`, `${tag}_x_zero_point`],
        name: `${tag}_DynamicQuantizeLinear`,
      },
      {
        opType: 'MatMulInteger',
        input: [`${tag}_x_q`, wq, `${tag}_x_zero_point`, wz],
        output: [`${tag}_int32`],
        name: `${tag}_MatMulInteger`,
      },
      {
        opType: 'Cast',
        input: [`${tag}_int32`],
        output: [`${tag}_float`],
        name: `${tag}_Cast`,
        attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: T.FLOAT }],
      },
      { opType: 'Mul', input: [`${tag}_x_scale`, ws], output: [`${tag}_scale`], name: `${tag}_scale_Mul` },
      {
        opType: 'Mul',
        input: [`${tag}_float`, `${tag}_scale`],
        output: [hasBias ? `${tag}_matmul` : y],
        name: `${tag}_Mul`,
      },
      ...(hasBias
        ? [{ opType: 'Add', input: [`${tag}_matmul`, node.input![2]!], output: [y], name: `${tag}_bias_Add` }]
        : []),
    );
  });
}

/** Weight-only int8 (DequantizeLinear -> MatMul, per output column). Returns the nodes rewritten. */
export function quantizeWeightOnly(graph: onnxProto.onnx.IGraphProto): number {
  return rewrite(graph, (node, w, out, add, tag) => {
    const { q, scales } = toInt8(w.data, w.k, w.n, true);
    const wq = add({ name: `${tag}_W_quantized`, dims: [w.k, w.n], dataType: T.INT8, rawData: bytes(q) });
    const ws = add({ name: `${tag}_W_scale`, dims: [w.n], dataType: T.FLOAT, rawData: bytes(scales) });
    const wz = add({ name: `${tag}_W_zero_point`, dims: [w.n], dataType: T.INT8, rawData: new Uint8Array(w.n) });
    const y = node.output![0]!;
    const hasBias = node.opType === 'Gemm' && (node.input?.[2] ?? '') !== '';
    out.push(
      {
        opType: 'DequantizeLinear',
        input: [wq, ws, wz],
        output: [`${tag}_W`],
        name: `${tag}_DequantizeLinear`,
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      },
      {
        opType: 'MatMul',
        input: [node.input![0]!, `${tag}_W`],
        output: [hasBias ? `${tag}_matmul` : y],
        name: `${tag}_MatMul`,
      },
      ...(hasBias
        ? [{ opType: 'Add', input: [`${tag}_matmul`, node.input![2]!], output: [y], name: `${tag}_bias_Add` }]
        : []),
    );
  });
}
