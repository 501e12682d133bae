import { describe, expect, it } from 'vitest';
import { zooSuite, ZOO_RUNTIMES } from '../../../suites/zoo/index.js';
import { microSuite } from '../../../suites/micro/index.js';
import { DEFAULT_SUITES, loadSuite } from '../../../suites/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import { withOverrides } from '../../../harness/config/resolve.js';
import { buildModel } from '../../../harness/models/index.js';

describe('zoo suite', () => {
  it('quick: MobileNet-like and ResNet-like at batch 1 (single-stream) and batch 8 (offline) on every runtime but tfjs:cpu (standard only)', async () => {
    const w = zooSuite.workloads('quick');
    expect(w.map((x) => `${x.id}:${x.scenarios.join()}`)).toEqual([
      'mobilenet-q64-b1:single-stream',
      'mobilenet-q64-batch:offline',
      'resnet-q64-b1:single-stream',
      'resnet-q64-batch:offline',
    ]);
    for (const x of w) {
      expect(x.model.kind).toBe('zoo'); // zoo models are what the job process checks parity on
      expect(x.runtimes).toEqual(expect.arrayContaining(['ort-node:cpu', 'ort-web:wasm', 'tfjs:wasm']));
      expect(x.runtimes).not.toContain('tfjs:cpu');
      expect(x.runtimes).not.toContain('null');
      const s = withOverrides(defaultSettings(), x.settings, x.id, new Set());
      expect(s.minQueryCount).toBeGreaterThanOrEqual(64); // LoadGen early stopping at p90 needs 64
    }
    const model = await buildModel(w[0]!.model);
    expect(model.inputs[0]!.dims).toEqual(['batch', 3, 64, 64]);
    expect(model.flopsPerSample).toBeGreaterThan(1e6);
  });

  it('standard: 224x224, with tfjs:cpu in separate shortened workloads', () => {
    const w = zooSuite.workloads('standard');
    const fast = w.filter((x) => !x.id.endsWith('-short'));
    const slow = w.filter((x) => x.id.endsWith('-short'));
    expect(fast).toHaveLength(4);
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every((x) => x.runtimes?.join() === 'tfjs:cpu')).toBe(true);
    expect(fast.every((x) => !x.runtimes?.includes('tfjs:cpu'))).toBe(true);
    expect(new Set(w.map((x) => x.id)).size).toBe(w.length);
    expect([...ZOO_RUNTIMES]).toContain('ort-node:cuda');
  });

  it('is registered and a default suite; micro is registered with one workload per op and size', async () => {
    expect(DEFAULT_SUITES).toContain('zoo');
    expect((await loadSuite('micro')).id).toBe('micro');
    const ops = new Set(microSuite.workloads('quick').map((x) => (x.model.kind === 'micro' ? x.model.op : '')));
    expect([...ops].sort()).toEqual(['conv2d', 'depthwiseConv2d', 'gather', 'matmul', 'softmax', 'streamCopy']);
    for (const x of microSuite.workloads('standard'))
      expect(withOverrides(defaultSettings(), x.settings, x.id, new Set())).toBeTruthy();
  });
});
