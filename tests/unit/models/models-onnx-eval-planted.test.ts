/**
 * A wrong kernel in the float64 ONNX evaluator must show: with a 1 % error planted in one op's
 * result (MatMul in bert-tiny, Conv in the zoo lenet), onnxruntime's correct outputs fail
 * parity against it, naming the output; with the true kernel they pass.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel, compareOutputs } from '../../../harness/models/index.js';
import { KERNELS, OnnxEvaluator, type Kernel } from '../../../harness/models/onnx-eval/index.js';
import { parityTolerance } from '../../../harness/models/parity.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { ModelRef } from '../../../harness/types.js';

const BERT = path.resolve(__dirname, '../../../../shared/cases/onnx/bert-tiny.onnx');

/** The op's true kernel with every result scaled by 1.01. */
const planted =
  (op: string): Kernel =>
  (inputs, ctx) =>
    KERNELS[op]!(inputs, ctx).map((t) => t && { ...t, data: t.data.map((v) => v * 1.01) });

const CASES: Array<[string, ModelRef, string]> = [
  // bert-tiny is a shared case (../shared beside the checkout): where it is absent, only lenet runs.
  ...(existsSync(BERT)
    ? [['bert-tiny (MatMul)', { kind: 'file', path: BERT }, 'MatMul'] as [string, ModelRef, string]]
    : []),
  ['zoo lenet (Conv)', { kind: 'zoo', arch: 'lenet', params: {}, seed: 3 }, 'Conv'],
];

describe('models: a planted error in the float64 ONNX evaluator', () => {
  it.each(CASES)('%s: ort-node:cpu passes the true evaluator and fails the planted one', async (_name, ref, op) => {
    const model = await buildModel(ref);
    const dims = Object.fromEntries(
      model.inputs
        .flatMap((s) => s.dims.filter((d): d is string => typeof d === 'string'))
        .map((d) => [d, d.includes('batch') ? 2 : 16]),
    );
    const feeds = randomSamples(model.inputs, 2, 5, dims).feeds([0]);
    const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
    const { session } = await createOrtNodeRuntime('cpu').load(model, defaultSettings());
    const ort = await session.run(feeds);
    await session.dispose();
    const names = model.outputs.map((o) => o.name);
    const fp32 = parityTolerance('fp32');

    const good = compareOutputs(new OnnxEvaluator(model.onnx).run(feeds, names), ort, fp32);
    expect(good.pass, good.reason).toBe(true);
    const bad = compareOutputs(
      new OnnxEvaluator(model.onnx, undefined, { kernels: { [op]: planted(op) } }).run(feeds, names),
      ort,
      fp32,
    );
    expect(bad.pass).toBe(false);
    expect(bad.reason).toContain(`output "${names[0]}"`);
  });
});
