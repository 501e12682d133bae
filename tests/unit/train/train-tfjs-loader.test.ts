import { describe, expect, it } from 'vitest';
import { isTfjsTrainingRuntime, loadTrainingTf } from '../../../harness/train/tfjs-backend.js';

describe("train: the tfjs loader (the runtime adapters' loadTf)", () => {
  it('loads tfjs:cpu single-threaded with its backend selected', async () => {
    const loaded = await loadTrainingTf('tfjs:cpu');
    if ('unavailable' in loaded) throw new Error(loaded.unavailable);
    expect(loaded.backend).toBe('cpu');
    expect(loaded.tf.getBackend()).toBe('cpu');
    expect(loaded.threads).toBe(1);
    expect(loaded.facts).toMatchObject({ backend: 'cpu' });
  });

  it('answers unavailable (never throws) for absent packages and unknown backends', async () => {
    expect(await loadTrainingTf('tfjs-node:tensorflow')).toEqual({
      unavailable: expect.stringMatching(/@tensorflow\/tfjs-node is not installed: npm install @tensorflow\/tfjs-node/),
    });
    expect(await loadTrainingTf('tfjs:webgl')).toEqual({
      unavailable: expect.stringMatching(
        /^tfjs:webgl is not a registered runtime; training runs on tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow/,
      ),
    });
    expect(await loadTrainingTf('ort-node:cpu')).toEqual({
      unavailable: expect.stringMatching(/is not a tfjs runtime/),
    });
    expect(isTfjsTrainingRuntime('tfjs-node-gpu:cuda')).toBe(true);
    expect(isTfjsTrainingRuntime('ort-web:wasm')).toBe(false);
  });
});
