import { describe, expect, it } from 'vitest';
import { buildModel, checkParity, ZOO_ARCHS } from '../../harness/models/index.js';
import { RUNTIMES } from '../../harness/runtimes/index.js';
import { defaultSettings } from '../../harness/config/settings.js';
import { createRng } from '../../harness/measure/random.js';
import { confirmKnownFault } from '../../harness/models/known-faults.js';
import { probeAdapterInChild } from '../../harness/system/gpu-adapter.js';

/** Small sizes so every arch runs on the slow pure-JS tfjs:cpu backend in a few seconds. */
const SMALL: Record<string, Record<string, number>> = {
  logreg: { features: 16, classes: 3 },
  mlp: { features: 16, width: 32, depth: 2, classes: 3 },
  lenet: { resolution: 28 },
  mobilenet: { resolution: 32, width: 8, depth: 6, classes: 10 },
  resnet: { resolution: 32, width: 8, depth: 3, classes: 10 },
};

/**
 * Every registered Node runtime that can run a zoo model here (optional ones only when installed);
 * browser-host runtimes load inside a page, and tests/integration/browser-zoo.test.ts checks their parity.
 */
async function availableRuntimes(): Promise<string[]> {
  const ids: string[] = [];
  for (const id of Object.keys(RUNTIMES).filter((x) => x !== 'null' && RUNTIMES[x]!.host === 'node')) {
    if ((await (await RUNTIMES[id]!.create()).probe()).available) ids.push(id);
  }
  return ids;
}

describe.sequential(
  'runtimes: parity matrix (every zoo arch x every available runtime vs the float64 reference)',
  () => {
    it('covers the runtimes available here, the WebGPU ones included (CI installs Mesa 25 llvmpipe)', async () => {
      expect(await availableRuntimes()).toEqual(
        expect.arrayContaining([
          'ort-node:cpu',
          'ort-web:wasm',
          'tfjs:cpu',
          'tfjs:wasm',
          'ort-node:webgpu',
          'tfjs:webgpu',
        ]),
      );
    });

    it('passes for every arch on every available runtime at batch 2, except the pinned known fault', async () => {
      const runtimes = await availableRuntimes();
      const probe = await probeAdapterInChild();
      const adapter = 'adapter' in probe ? probe.adapter.description : undefined;
      const failures: string[] = [];
      const pinned: string[] = [];
      for (const arch of ZOO_ARCHS) {
        const model = await buildModel({ kind: 'zoo', arch, params: SMALL[arch]!, seed: 11 });
        const dims = model.inputs[0]!.dims.map((d) => (d === 'batch' ? 2 : (d as number)));
        const rand = createRng(3);
        const data = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1);
        const feeds = { [model.inputs[0]!.name]: { dtype: 'float32' as const, dims, data } };
        for (const id of runtimes) {
          const runtime = await RUNTIMES[id]!.create();
          const { session } = await runtime.load(model, defaultSettings());
          const parity = await checkParity(model, feeds, await session.run(feeds));
          await session.dispose();
          if (!parity.pass || parity.maxAbsDiff > 1e-5) {
            // Only a failure whose one-op repro fails on this runtime too is the known fault.
            const fault = await confirmKnownFault(runtime, model, adapter, defaultSettings());
            if (fault) pinned.push(`${arch} on ${id}: ${fault.id}`);
            else failures.push(`${arch} on ${id}: ${JSON.stringify(parity)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      // The known fault is EXPECTED on llvmpipe (lenet's second Conv has 6 input channels), and named.
      expect(pinned).toEqual(
        adapter && /llvmpipe/.test(adapter) ? ['lenet on ort-node:webgpu: ort-webgpu-llvmpipe-conv-6in'] : [],
      );
    });
  },
);
