/**
 * TensorFlow.js model.json files read from disk: a graph model (the tensorflowjs_converter
 * format: Placeholder, Const weights in a shard, MatMul, Relu) gets its inputs from the
 * Placeholders and runs through the tfjs IO handler; malformed files are refused naming them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/build-model.js';
import { createTfjsSession } from '../../../harness/runtimes/tfjs-session.js';
import type { TfModule } from '../../../harness/runtimes/tfjs-forward.js';
import { tempDir } from '../../helpers/cli.js';

const W = [1, -2, 0.5, 3, -1, 1, 2, 0];

function graphModel(dir: string): string {
  const shape = (dims: number[]) => ({ dim: dims.map((size) => ({ size: String(size) })) });
  const json = {
    format: 'graph-model',
    generatedBy: '2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: shape([-1, 4]) } } },
        {
          name: 'w',
          op: 'Const',
          attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: shape([4, 2]) } } },
        },
        {
          name: 'mm',
          op: 'MatMul',
          input: ['x', 'w'],
          attr: { T: { type: 'DT_FLOAT' }, transpose_a: { b: false }, transpose_b: { b: false } },
        },
        { name: 'y', op: 'Relu', input: ['mm'], attr: { T: { type: 'DT_FLOAT' } } },
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [4, 2], dtype: 'float32' }] }],
  };
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(path.join(dir, 'group1-shard1of1.bin'), new Uint8Array(new Float32Array(W).buffer));
  return path.join(dir, 'model.json');
}

describe('tfjs model.json files', () => {
  it("reads a graph model's inputs from its Placeholders and runs it from disk", async () => {
    const file = graphModel(tempDir());
    const model = await buildModel({ kind: 'file', path: file });
    expect(model.tfjs).toEqual({ path: file, format: 'graph-model' });
    expect(model.inputs).toEqual([{ name: 'x', dtype: 'float32', dims: ['batch', 4] }]);
    await tf.setBackend('cpu');
    const session = await createTfjsSession(tf as unknown as TfModule, model, 'tfjs:cpu');
    const out = await session.run({ x: { dtype: 'float32', dims: [1, 4], data: new Float32Array([1, 1, 1, 1]) } });
    // relu([1, 1, 1, 1] @ W), by hand: column sums of W = (1 + 0.5 - 1 + 2, -2 + 3 + 1 + 0).
    expect(Array.from(out.y!.data as Float32Array)).toEqual([2.5, 2]);
    await session.dispose();
    expect(session.leakedTensors()).toBe(0);
  });

  it('refuses a JSON file that is not a tfjs model, and a missing shard, naming the file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'other.json'), '{"layers": []}');
    await expect(buildModel({ kind: 'file', path: path.join(dir, 'other.json') })).rejects.toThrow(
      /other\.json: not a TensorFlow\.js model\.json/,
    );
    const model = await buildModel({ kind: 'file', path: graphModel(dir) });
    rmSync(path.join(dir, 'group1-shard1of1.bin'));
    await expect(createTfjsSession(tf as unknown as TfModule, model, 'tfjs:cpu')).rejects.toThrow(
      /weight shard "group1-shard1of1\.bin" cannot be read \(ENOENT\)/,
    );
  });
});
