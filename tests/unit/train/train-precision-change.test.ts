/**
 * Trained models at other precisions (issue 27 item 3): the exported tabular model is scored at
 * int8 and fp16 on ort-node:cpu beside fp32 on the same runtime and samples, and the AUC change
 * is recorded. The fp32 figure agrees with the serving check's own (a separate path), and a
 * planted broken quantization (every weight zeroed) shows as a large drop, so the check can fail.
 */
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { completeSettings } from '../../../harness/config/settings.js';
import { loadTabularSplit } from '../../../datasets/index.js';
import { scorePrecisions, type PrecisionScore } from '../../../harness/train/serve-check.js';
import { executeTabularTraining, servingSamples } from '../../../harness/train/tabular-job.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import type { ReportJob } from '../../../reports/model.js';
import { buildPrecisionTables } from '../../../reports/precision-table.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const dir = tempDir('mlbench-train-precision-');
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'mlp',
  hidden: [16],
  optimizer: 'adam',
  learningRate: 0.05,
  batchSize: 256,
  maxEpochs: 3,
  targetAuc: 0.55,
};
const settings = completeSettings({
  seed: 42,
  cacheDir: path.join(dir, 'cache'),
  'train.modelsDir': path.join(dir, 'models'),
  'train.servePrecisions': 'int8,fp16',
});

function job(): Job {
  const dataset = { id: 'synthetic-tabular', slice: 'train_2k' };
  return trainingJob({
    id: 'mlp',
    arch: 'mlp',
    dataset,
    training: spec,
    runtime: 'tfjs:cpu',
    dir,
    settings: { 'train.servePrecisions': 'int8,fp16' },
  });
}

/** A broken "quantization": the fp32 graph with every float weight set to zero. */
function zeroWeights(bytes: Uint8Array): Uint8Array {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  for (const t of model.graph!.initializer ?? []) {
    if (t.floatData?.length) t.floatData = t.floatData.map(() => 0);
    if (t.rawData?.length) t.rawData = new Uint8Array(t.rawData.length);
  }
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

describe('train: the AUC change of a trained model at other precisions', () => {
  it('records int8 and fp16 beside fp32 on ort-node:cpu; a zeroed model drops to chance', async () => {
    const out = await executeTabularTraining(job(), spec, () => undefined);
    expect(out.status, out.error?.message).toBe('ok');
    const precisions = out.accuracy!.precisions as PrecisionScore[];
    expect(precisions.map((p) => [p.precision, p.status])).toEqual([
      ['int8', 'ok'],
      ['fp16', 'ok'],
    ]);
    const servedFp32 = (out.accuracy!.serving as Array<{ runtime: string; value?: number }>).find(
      (s) => s.runtime === 'ort-node:cpu',
    )!.value!;
    for (const p of precisions) {
      expect(p.fp32Value).toBeCloseTo(servedFp32, 12);
      expect(p.changeVsFp32).toBeCloseTo(p.value! - servedFp32, 12);
      expect(Math.abs(p.changeVsFp32!)).toBeLessThan(0.01);
    }

    const split = await loadTabularSplit('synthetic-tabular', 'train_2k', { cacheDir: settings.cacheDir });
    const data = { samples: servingSamples(split.test, split.encoding, null), batchSize: 1024 };
    const modelPath = (out.trainedModel as { path: string }).path;
    const [broken] = await scorePrecisions(modelPath, ['int8'], data, settings, 'ort-node:cpu', (onnx) =>
      zeroWeights(onnx),
    );
    expect(broken!.fp32Value).toBeCloseTo(servedFp32, 12);
    expect(broken!.value).toBeCloseTo(0.5, 6);
    expect(broken!.changeVsFp32!).toBeLessThan(-0.05);
  }, 180_000);
});

describe("report: a trained model's precision table", () => {
  it('shows fp32 and each scored precision with the metric change', () => {
    const job = {
      latest: true,
      workload: 'mlp-2k',
      runtime: 'tfjs:cpu',
      accuracy: { metric: 'auc', value: 0.9 },
      trainedPrecisions: [{ precision: 'int8', runtime: 'ort-node:cpu', status: 'ok', changeVsFp32: -0.002 }],
    } as unknown as ReportJob;
    const [table] = buildPrecisionTables([job]);
    expect(table!.label).toMatch(/mlp-2k \(trained on tfjs:cpu, auc change vs fp32\)/);
    expect(table!.rows.map((r) => [r.precision, r.cells[0]!.accuracyDelta])).toEqual([
      ['fp32', 0],
      ['int8', -0.002],
    ]);
  });
});
