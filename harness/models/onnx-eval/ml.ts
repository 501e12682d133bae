/**
 * The ai.onnx.ml ops a scikit-learn linear model exports to (skl2onnx): LinearClassifier (label
 * and scores, post_transform NONE/LOGISTIC/SOFTMAX), LinearRegressor and Normalizer (MAX, L1, L2
 * per row). Integer class labels only; string labels are not evaluated.
 */
import { need, type Kernel } from './kernel.js';
import { ElemType, type EvalTensor } from './tensor.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Scores [N, C] = x [N, F] * coefficients [C, F]^T + intercepts. */
function linear(x: EvalTensor, coefficients: number[], intercepts: number[], targets: number): Float64Array {
  const n = x.dims.length === 1 ? 1 : x.dims[0]!;
  const f = x.data.length / n;
  const out = new Float64Array(n * targets);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < targets; c++) {
      let s = intercepts[c] ?? 0;
      for (let k = 0; k < f; k++) s += x.data[i * f + k]! * coefficients[c * f + k]!;
      out[i * targets + c] = s;
    }
  return out;
}

function postTransform(scores: Float64Array, width: number, how: string): Float64Array {
  if (how === 'LOGISTIC') return scores.map(sigmoid);
  if (how !== 'SOFTMAX') return scores;
  const out = new Float64Array(scores.length);
  for (let r = 0; r < scores.length; r += width) {
    const row = scores.subarray(r, r + width);
    const max = Math.max(...row);
    const sum = row.reduce((a, v) => a + Math.exp(v - max), 0);
    row.forEach((v, k) => {
      out[r + k] = Math.exp(v - max) / sum;
    });
  }
  return out;
}

export const ML: Record<string, Kernel> = {
  'ai.onnx.ml:LinearClassifier': (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const labels = attrs.ints('classlabels_ints');
    if (!labels) throw new Error('string class labels are not evaluated');
    const coefficients = attrs.floats('coefficients') ?? [];
    const f = x.data.length / (x.dims.length === 1 ? 1 : x.dims[0]!);
    const rows = coefficients.length / f;
    const n = x.dims.length === 1 ? 1 : x.dims[0]!;
    const raw = linear(x, coefficients, attrs.floats('intercepts') ?? [], rows);
    const how = attrs.string('post_transform', 'NONE');
    const label = new Float64Array(n);
    let scores: Float64Array;
    if (rows === 1 && labels.length === 2) {
      // One weight row for two classes: the positive class when the score is above 0, scores [-s, s] (or [1-p, p]).
      scores = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const s = raw[i]!;
        label[i] = labels[s > 0 ? 1 : 0]!;
        const p = how === 'LOGISTIC' ? sigmoid(s) : s;
        scores[i * 2] = how === 'LOGISTIC' ? 1 - p : -p;
        scores[i * 2 + 1] = p;
      }
    } else {
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < rows; c++) if (raw[i * rows + c]! > raw[i * rows + best]!) best = c;
        label[i] = labels[best]!;
      }
      scores = postTransform(raw, rows, how);
    }
    return [
      { type: ElemType.INT64, dims: [n], data: label },
      { type: ElemType.FLOAT, dims: [n, scores.length / n], data: scores },
    ];
  },
  'ai.onnx.ml:LinearRegressor': (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const targets = attrs.int('targets', 1);
    const n = x.dims.length === 1 ? 1 : x.dims[0]!;
    const y = linear(x, attrs.floats('coefficients') ?? [], attrs.floats('intercepts') ?? [], targets);
    return [
      {
        type: ElemType.FLOAT,
        dims: [n, targets],
        data: postTransform(y, targets, attrs.string('post_transform', 'NONE')),
      },
    ];
  },
  'ai.onnx.ml:Normalizer': (inputs, { attrs }) => {
    const x = need(inputs, 0);
    const width = x.dims[x.dims.length - 1] ?? 1;
    const norm = attrs.string('norm', 'MAX');
    const out = new Float64Array(x.data.length);
    for (let r = 0; r < x.data.length; r += width) {
      const row = x.data.subarray(r, r + width);
      const d =
        norm === 'L1'
          ? row.reduce((a, v) => a + Math.abs(v), 0)
          : norm === 'L2'
            ? Math.sqrt(row.reduce((a, v) => a + v * v, 0))
            : Math.max(...row);
      row.forEach((v, k) => {
        out[r + k] = v / d;
      });
    }
    return [{ type: ElemType.FLOAT, dims: [...x.dims], data: out }];
  },
};
