/**
 * Held-out quantized files of the shared int8 case's kind (tests/helpers/onnx-quantize.ts writes
 * quantize_dynamic's pattern, and weight-only int8): ort-node:cpu and ort-web:wasm pass parity
 * against the float64 evaluator with the tolerance of the precision read from the file, and a
 * planted 5 % error fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel, compareOutputs } from '../../../harness/models/index.js';
import { float64OnnxReference } from '../../../harness/models/onnx-eval/index.js';
import { readOnnxSignature } from '../../../harness/models/onnx-read.js';
import { parityTolerance } from '../../../harness/models/parity.js';
import { parityProfile } from '../../../harness/models/parity-profile.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { Feeds, ModelArtifact } from '../../../harness/types.js';
import { quantizeMatMuls } from '../../helpers/onnx-quantize.js';

const BERT_TINY = path.resolve(__dirname, '../../../../shared/cases/onnx/bert-tiny.onnx');
const SMALL = { layers: 2, hidden: 32, heads: 4, intermediate: 64, vocab: 60, context: 32 };

async function source(name: string): Promise<Uint8Array> {
  if (name === 'bert-tiny') return new Uint8Array(readFileSync(BERT_TINY));
  return (await buildModel({ kind: 'zoo', arch: name, params: SMALL, seed: 4 })).onnx;
}

const CASES: Array<[string, 'dynamic' | 'weight-only', 'int8']> = [
  // bert-tiny is a shared case (../shared beside the checkout); the zoo models are built here.
  ...(existsSync(BERT_TINY) ? [['bert-tiny', 'dynamic', 'int8'] as [string, 'dynamic', 'int8']] : []),
  ['bert', 'dynamic', 'int8'],
  ['gpt', 'dynamic', 'int8'],
  ['bert', 'weight-only', 'int8'],
];

describe('models: parity of held-out int8 files', () => {
  it.each(CASES)(
    '%s %s: ort-node:cpu and ort-web:wasm pass the %s tolerance, a 5 percent error fails',
    async (name, mode, tolerance) => {
      const bytes = quantizeMatMuls(await source(name), mode);
      const sig = readOnnxSignature(bytes, name);
      const model: ModelArtifact = { name, onnx: bytes, inputs: sig.inputs, outputs: sig.outputs };
      const profile = parityProfile(model);
      expect(profile.precision).toBe(tolerance);
      const dims = Object.fromEntries(
        sig.inputs
          .flatMap((s) => s.dims.filter((d): d is string => typeof d === 'string'))
          .map((d) => [d, /batch/.test(d) ? 2 : /past/.test(d) ? 3 : /total/.test(d) ? 15 : 12]),
      );
      const feeds = randomSamples(sig.inputs, 1, 9, dims).feeds([0]);
      const own = float64OnnxReference(model);
      expect(own.missingOps).toEqual([]);
      const reference = await own.reference!.outputs(model, feeds);

      const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
      const { createOrtWebRuntime } = await import('../../../harness/runtimes/ort-web.js');
      const run = async (
        loading: Promise<{ session: { run(f: Feeds): Promise<Feeds>; dispose(): Promise<void> } }>,
      ) => {
        const { session } = await loading;
        const out = await session.run(feeds);
        await session.dispose();
        return out;
      };
      const tol = parityTolerance(profile.precision, profile.accumulation);
      for (const [runtime, outputs] of [
        ['ort-node:cpu', await run(createOrtNodeRuntime('cpu').load(model, defaultSettings()))],
        ['ort-web:wasm', await run(createOrtWebRuntime('wasm').load(model, defaultSettings()))],
      ] as const) {
        const ok = compareOutputs(reference, outputs, tol);
        expect(ok.pass, `${runtime}: ${ok.reason}`).toBe(true);
        const out = sig.outputs[0]!.name;
        const planted = {
          ...outputs,
          [out]: { ...outputs[out]!, data: (outputs[out]!.data as Float32Array).map((v) => v * 1.05) },
        };
        const bad = compareOutputs(reference, planted, tol);
        expect(bad.pass, runtime).toBe(false);
        expect(bad.reason).toContain(`output "${out}"`);
      }
    },
  );
});
