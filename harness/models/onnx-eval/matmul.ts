/**
 * Matrix products in float64: MatMul (numpy matmul: 1-D operands promoted, batch dims
 * broadcast), Gemm (transA/transB, alpha, beta, C broadcast) and MatMulInteger (u8/i8 operands
 * minus their zero points, int32 accumulation, exact in float64 for any realistic K).
 */
import { broadcastDims, broadcastIndex, mapBroadcast } from './elementwise.js';
import { need, type Kernel } from './kernel.js';
import { ElemType, sizeOf, type EvalTensor } from './tensor.js';

/** numpy.matmul of a [..., M, K] and b [..., K, N]; `type` is the result's element type. */
export function matmul(
  a: EvalTensor,
  b: EvalTensor,
  type: number,
  aZero = 0,
  bZero: ArrayLike<number> = [0],
): EvalTensor {
  const aDims = a.dims.length === 1 ? [1, a.dims[0]!] : a.dims;
  const bDims = b.dims.length === 1 ? [b.dims[0]!, 1] : b.dims;
  const m = aDims[aDims.length - 2]!;
  const k = aDims[aDims.length - 1]!;
  const n = bDims[bDims.length - 1]!;
  if (bDims[bDims.length - 2] !== k)
    throw new Error(`MatMul: [${a.dims.join(',')}] x [${b.dims.join(',')}] do not match`);
  const batch = broadcastDims(aDims.slice(0, -2), bDims.slice(0, -2));
  const batches = sizeOf(batch);
  const aIdx = broadcastIndex(aDims.slice(0, -2), batch);
  const bIdx = broadcastIndex(bDims.slice(0, -2), batch);
  const out = new Float64Array(batches * m * n);
  // A per-column zero point (MatMulInteger's b_zero_point of length N) or one for all.
  const perColumn = bZero.length > 1;
  const z0 = bZero[0]!;
  const bz = (j: number) => (perColumn ? bZero[j]! : z0);
  for (let p = 0; p < batches; p++) {
    const ao = (aIdx ? aIdx[p]! : p) * m * k;
    const bo = (bIdx ? bIdx[p]! : p) * k * n;
    const oo = p * m * n;
    // i-q-j order: rows of b are read contiguously; each output row accumulates in float64.
    for (let i = 0; i < m; i++) {
      const row = oo + i * n;
      for (let q = 0; q < k; q++) {
        const av = a.data[ao + i * k + q]! - aZero;
        if (av === 0) continue;
        const bRow = bo + q * n;
        for (let j = 0; j < n; j++) out[row + j]! += av * (b.data[bRow + j]! - bz(j));
      }
    }
  }
  let dims = [...batch, m, n];
  if (a.dims.length === 1) dims = [...batch, n];
  if (b.dims.length === 1) dims = a.dims.length === 1 ? [...batch] : [...batch, m];
  return { type, dims, data: out };
}

function transpose2d(t: EvalTensor): EvalTensor {
  const [r, c] = t.dims as [number, number];
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = t.data[i * c + j]!;
  return { type: t.type, dims: [c, r], data: out };
}

export const MATMUL: Record<string, Kernel> = {
  MatMul: (inputs) => {
    const a = need(inputs, 0);
    return [matmul(a, need(inputs, 1), a.type)];
  },
  Gemm: (inputs, { attrs }) => {
    let a = need(inputs, 0);
    let b = need(inputs, 1);
    if (attrs.int('transA', 0)) a = transpose2d(a);
    if (attrs.int('transB', 0)) b = transpose2d(b);
    const alpha = attrs.float('alpha', 1);
    const beta = attrs.float('beta', 1);
    const y = matmul(a, b, a.type);
    const c = inputs[2];
    return [
      c ? mapBroadcast([y, c], a.type, (v, w) => alpha * v + beta * w) : { ...y, data: y.data.map((v) => alpha * v) },
    ];
  },
  MatMulInteger: (inputs) => {
    const a = need(inputs, 0);
    const b = need(inputs, 1);
    const aZero = inputs[2] ? inputs[2].data[0]! : 0;
    const bZero = inputs[3] ? inputs[3].data : [0];
    return [matmul(a, b, ElemType.INT32, aZero, bZero)];
  },
};
