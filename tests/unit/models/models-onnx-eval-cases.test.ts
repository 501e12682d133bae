/**
 * The float64 ONNX evaluator on every shared user case (../shared/cases/onnx): which files it
 * covers fully, and its outputs against onnxruntime-node's within each file's precision tolerance.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel, compareOutputs } from '../../../harness/models/index.js';
import { OnnxEvaluator } from '../../../harness/models/onnx-eval/index.js';
import { parityTolerance } from '../../../harness/models/parity.js';
import { parityProfile } from '../../../harness/models/parity-profile.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';

const DIR = path.resolve(__dirname, '../../../../shared/cases/onnx');
/** Every shared case and the ops the evaluator lacks for its tensor outputs (none: all independently covered). */
const COVERAGE: Record<string, string[]> = {
  'bert-tiny.onnx': [],
  'bert-tiny-int8.onnx': [],
  'fp16_io.onnx': [],
  'ir99_opset21.onnx': [],
  'sklearn_logreg_zipmap.onnx': [],
  'extdata/model.onnx': [],
};

describe.skipIf(!existsSync(DIR))('models: float64 ONNX evaluator on the shared cases', () => {
  it('lists every shared case and the ops it lacks for each', async () => {
    const files = [
      ...readdirSync(DIR).filter((f) => f.endsWith('.onnx')),
      ...readdirSync(path.join(DIR, 'extdata'))
        .filter((f) => f.endsWith('.onnx'))
        .map((f) => `extdata/${f}`),
    ];
    expect(files.sort()).toEqual(Object.keys(COVERAGE).sort());
    for (const f of files) {
      const model = await buildModel({ kind: 'file', path: path.join(DIR, f) });
      expect(new OnnxEvaluator(model.onnx, model.file?.path).missingOps(model.outputs.map((o) => o.name)), f).toEqual(
        COVERAGE[f],
      );
    }
  });

  it.each(Object.keys(COVERAGE).filter((f) => f !== 'ir99_opset21.onnx'))(
    "%s: matches ort-node:cpu within its precision's tolerance",
    async (f) => {
      const model = await buildModel({ kind: 'file', path: path.join(DIR, f) });
      const fixedBatch = typeof model.inputs[0]!.dims[0] === 'number';
      const dims = Object.fromEntries(
        model.inputs
          .flatMap((s) => s.dims.filter((d): d is string => typeof d === 'string'))
          .map((d, i) => [d, i === 0 || d.includes('batch') ? 2 : 16]),
      );
      const feeds = randomSamples(model.inputs, 2, 7, dims).feeds(fixedBatch ? [0] : [0, 1]);
      const reference = new OnnxEvaluator(model.onnx, model.file?.path).run(
        feeds,
        model.outputs.map((o) => o.name),
      );
      const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
      const { session } = await createOrtNodeRuntime('cpu').load(model, defaultSettings());
      const ort = await session.run(feeds);
      await session.dispose();
      const profile = parityProfile(model);
      const parity = compareOutputs(reference, ort, parityTolerance(profile.precision, profile.accumulation));
      expect(parity.pass, parity.reason).toBe(true);
      expect(parity.outputs!.map((o) => o.name)).toEqual(model.outputs.map((o) => o.name));
      // fp32 files agree far inside the tolerance: float32 rounding against float64.
      if (profile.precision === 'fp32')
        for (const o of parity.outputs!) expect(o.maxAbsDiff).toBeLessThan(1e-4 * Math.max(o.rms, 1));
    },
  );

  it('evaluates the IR 99 file onnxruntime refuses (Relu)', async () => {
    const model = await buildModel({ kind: 'file', path: path.join(DIR, 'ir99_opset21.onnx') });
    const x = Float32Array.from([-1, 2, -3, 4]);
    const y = new OnnxEvaluator(model.onnx).run({ x: { dtype: 'float32', dims: [1, 4], data: x } });
    expect(Array.from(y[model.outputs[0]!.name]!.data as Float64Array)).toEqual([0, 2, 0, 4]);
  });
});
