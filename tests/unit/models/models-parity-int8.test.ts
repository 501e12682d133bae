/** The int8 case (quantize_dynamic's bert-tiny): ort-web:wasm passes with int8's tolerance, a planted error fails. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel, compareOutputs } from '../../../harness/models/index.js';
import { parityTolerance } from '../../../harness/models/parity.js';
import { parityProfile } from '../../../harness/models/parity-profile.js';
import { randomSamples } from '../../../harness/scenarios/samples.js';
import type { Feeds } from '../../../harness/types.js';

const FILE = path.resolve(__dirname, '../../../../shared/cases/onnx/bert-tiny-int8.onnx');

describe.skipIf(!existsSync(FILE))('models: int8 parity tolerance', () => {
  it('passes ort-web:wasm against unoptimised ort-node:cpu with the int8 tolerance and fails a 5 % planted error', async () => {
    const model = await buildModel({ kind: 'file', path: FILE });
    const profile = parityProfile(model);
    expect(profile.precision).toBe('int8');
    const dims = Object.fromEntries(
      model.inputs
        .flatMap((s) => s.dims.filter((d): d is string => typeof d === 'string'))
        .map((d) => [d, d.includes('batch') ? 2 : 16]),
    );
    const feeds = randomSamples(model.inputs, 2, 5, dims).feeds([0, 1]);

    const { createOrtNodeRuntime } = await import('../../../harness/runtimes/ort-node.js');
    const { createOrtWebRuntime } = await import('../../../harness/runtimes/ort-web.js');
    const run = async (session: { run(f: Feeds): Promise<Feeds>; dispose(): Promise<void> }) => {
      const out = await session.run(feeds);
      await session.dispose();
      return out;
    };
    const reference = await run(
      (
        await createOrtNodeRuntime('cpu').load(model, {
          ...defaultSettings(),
          'ort.graphOptimizationLevel': 'disabled',
        })
      ).session,
    );
    const wasm = await run((await createOrtWebRuntime('wasm').load(model, defaultSettings())).session);

    const int8 = parityTolerance('int8');
    const ok = compareOutputs(reference, wasm, int8, 'ort-node:cpu (graph optimisations disabled)');
    expect(ok.pass, ok.reason).toBe(true);
    expect(ok.outputs!.length).toBe(Object.keys(reference).length);

    const name = Object.keys(wasm)[0]!;
    const planted = {
      ...wasm,
      [name]: { ...wasm[name]!, data: (wasm[name]!.data as Float32Array).map((v) => v * 1.05) },
    };
    const bad = compareOutputs(reference, planted, int8);
    expect(bad.pass).toBe(false);
    expect(bad.reason).toContain(`output "${name}"`);
    expect(bad.outputs!.filter((o) => !o.pass).map((o) => o.name)).toEqual([name]);
  });
});
