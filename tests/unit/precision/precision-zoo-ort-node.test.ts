import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { buildModel, float64Reference } from '../../../harness/models/index.js';
import { PRECISIONS, PrecisionErrorMeter, precisionErrorBound } from '../../../harness/models/precision/index.js';
import { parityProfile } from '../../../harness/models/parity-profile.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { Feeds, ModelRef } from '../../../harness/types.js';
import { bertFeeds, tokenIds } from '../../helpers/transformer-feeds.js';

const MOBILENET = { resolution: 32, width: 8, depth: 4, classes: 10 };
const BERT = { layers: 2, hidden: 64, heads: 2, intermediate: 128, vocab: 100, context: 16 };
const EXPECTED_OPS = {
  fp32: [],
  fp16: ['Cast'],
  int8: ['DynamicQuantizeLinear', 'MatMulInteger'],
  int8w: ['DequantizeLinear'],
} as const;

const ops = (bytes: Uint8Array) =>
  new Set((onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType ?? ''));

async function measure(ref: ModelRef, feeds: (m: Awaited<ReturnType<typeof buildModel>>, i: number) => Feeds) {
  const model = await buildModel(ref);
  const { session } = await (await RUNTIMES['ort-node:cpu']!.create()).load(model, defaultSettings());
  const meter = new PrecisionErrorMeter(parityProfile(model).softmaxOutputs);
  for (let i = 0; i < 4; i++) {
    const f = feeds(model, i);
    meter.add(await float64Reference.outputs(model, f), await session.run(f));
  }
  await session.dispose();
  return { model, errors: meter.result() };
}

describe('precision: each zoo precision runs on ort-node:cpu within its stated error bound', () => {
  for (const precision of PRECISIONS) {
    it(`mobilenet ${precision}`, async () => {
      const { model, errors } = await measure(
        { kind: 'zoo', arch: 'mobilenet', params: { ...MOBILENET, precision }, seed: 3 },
        (m, i) => randomSamples(m.inputs, 4, 7).feeds([i]),
      );
      for (const op of EXPECTED_OPS[precision]) expect(ops(model.onnx).has(op), op).toBe(true);
      expect(model.precision ?? 'fp32').toBe(precision);
      const bound = precisionErrorBound(precision, 72);
      for (const e of errors) expect(e.normalizedMax, `${e.name} ${JSON.stringify(e)}`).toBeLessThanOrEqual(bound);
      if (precision !== 'fp32') expect(errors[0]!.normalizedMax).toBeGreaterThan(precisionErrorBound('fp32', 72) / 100);
    });
    it(`bert ${precision}`, async () => {
      const { model, errors } = await measure(
        { kind: 'zoo', arch: 'bert', params: { ...BERT, precision }, seed: 3 },
        (_m, i) => bertFeeds(tokenIds(16, BERT.vocab, i + 1), i),
      );
      for (const op of EXPECTED_OPS[precision]) expect(ops(model.onnx).has(op), op).toBe(true);
      if (precision === 'fp16')
        expect(onnxProto.onnx.ModelProto.decode(model.onnx).graph!.initializer!.some((t) => t.dataType === 10)).toBe(
          true,
        );
      const bound = precisionErrorBound(precision, BERT.intermediate);
      expect(errors.map((e) => e.name).sort()).toEqual(['last_hidden_state', 'pooler_output']);
      for (const e of errors) expect(e.normalizedMax, `${e.name} ${JSON.stringify(e)}`).toBeLessThanOrEqual(bound);
    });
  }
  it('an unknown precision is refused naming the valid ones', async () => {
    await expect(buildModel({ kind: 'zoo', arch: 'mlp', params: { precision: 'int4' }, seed: 1 })).rejects.toThrow(
      /precision must be one of fp32, fp16, int8, int8w/,
    );
  });
});
