/**
 * The float64 ONNX evaluator on the zoo's own ONNX exports (Conv, pooling, Gemm, residual Add,
 * Softmax; the transformers' Gather, LayerNormalization, Erf, Where, Range, KV-cache Concat)
 * against the float64 forward pass of the same architecture description: two float64
 * computations of the same float32 weights, so they agree far inside float32 rounding (~6e-8
 * per operation, more after accumulation).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, float64Reference } from '../../../harness/models/index.js';
import { OnnxEvaluator } from '../../../harness/models/onnx-eval/index.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { ModelRef } from '../../../harness/types.js';

const ZOO: Array<[string, ModelRef]> = [
  ['logreg', { kind: 'zoo', arch: 'logreg', params: {}, seed: 1 }],
  ['mlp', { kind: 'zoo', arch: 'mlp', params: {}, seed: 1 }],
  ['lenet', { kind: 'zoo', arch: 'lenet', params: {}, seed: 1 }],
  [
    'mobilenet',
    { kind: 'zoo', arch: 'mobilenet', params: { resolution: 32, width: 8, depth: 3, classes: 10 }, seed: 1 },
  ],
  ['resnet', { kind: 'zoo', arch: 'resnet', params: { resolution: 32, width: 8, depth: 2, classes: 10 }, seed: 1 }],
  [
    'bert',
    {
      kind: 'zoo',
      arch: 'bert',
      params: { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 50, context: 32 },
      seed: 1,
    },
  ],
  [
    'gpt',
    {
      kind: 'zoo',
      arch: 'gpt',
      params: { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 50, context: 32 },
      seed: 1,
    },
  ],
];

describe('models: float64 ONNX evaluator on the zoo exports', () => {
  it.each(ZOO)("%s: every op covered, outputs equal the description's float64 forward pass", async (_name, ref) => {
    const model = await buildModel(ref);
    const evaluator = new OnnxEvaluator(model.onnx);
    expect(evaluator.missingOps()).toEqual([]);
    const symbolic = [
      ...new Set(model.inputs.flatMap((s) => s.dims.filter((d): d is string => typeof d === 'string'))),
    ];
    const dims = Object.fromEntries(symbolic.map((d) => [d, /batch/.test(d) ? 2 : /past/.test(d) ? 1 : 5]));
    const feeds = randomSamples(model.inputs, 1, 11, dims).feeds([0]);
    // gpt: an empty cache (past length 0), the form the description's forward pass computes.
    for (const [name, t] of Object.entries(feeds))
      if (name.startsWith('past_key_values'))
        feeds[name] = { ...t, dims: [t.dims[0]!, t.dims[1]!, 0, t.dims[3]!], data: new Float32Array(0) };
    const expected = await float64Reference.outputs(model, feeds);
    const actual = evaluator.run(feeds, Object.keys(expected));
    for (const [name, t] of Object.entries(expected)) {
      const e = t.data as ArrayLike<number>;
      const a = actual[name]!.data as Float64Array;
      expect(actual[name]!.dims, name).toEqual(t.dims);
      let worst = 0;
      for (let i = 0; i < e.length; i++)
        worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / Math.max(1, Math.abs(e[i]!)));
      // Not 0: the exports store constants (1/sqrt(2), the attention scale) as float32.
      expect(worst, name).toBeLessThan(1e-7);
    }
  });
});
