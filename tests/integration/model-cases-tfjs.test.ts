/**
 * `mlbench model` on TensorFlow.js models: the layers model of tests/fixtures/cases (as
 * `model.save('file://...')` writes it), and a MobileNet v1 sized layers model (alpha 1.0, 4.2M
 * parameters, at 64x64 to keep tfjs:cpu quick) built with the installed tfjs, saved to disk in
 * shards and loaded from disk, on tfjs:cpu and tfjs:wasm with parity against tfjs:cpu.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, ROOT, tempDir } from '../helpers/cli.js';

const FAST = ['--min-duration', '0', '--min-queries', '3', '--set', 'warmupQueries=1', '--set', 'warmupMs=0'];

function onlyResult(dir: string) {
  const [machine] = readdirSync(dir);
  const [name] = readdirSync(path.join(dir, machine!));
  const file = path.join(dir, machine!, name!);
  return parseResult(readFileSync(file, 'utf8'), file);
}

/**
 * MobileNet v1 (Howard et al. 2017, table 1): conv 3x3/2, 13 depthwise separable blocks, pool,
 * dense 1000. He-scaled initial weights (depthwise: fan-in 9 per channel) keep activations alive
 * through the 27 layers, and the head gives logits, so parity compares values of order 1 that
 * depend on the input (glorot defaults and a softmax give a uniform 0.001 that any runtime matches).
 */
function mobilenetV1(size: number): tf.Sequential {
  const model = tf.sequential();
  const he = 'heNormal';
  model.add(
    tf.layers.conv2d({
      inputShape: [size, size, 3],
      filters: 32,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      activation: 'relu6',
      kernelInitializer: he,
    }),
  );
  const blocks: Array<[number, number]> = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  for (const [filters, strides] of blocks) {
    model.add(
      tf.layers.depthwiseConv2d({
        kernelSize: 3,
        strides,
        padding: 'same',
        activation: 'relu6',
        depthwiseInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(2 / 9), seed: filters + strides }),
      }),
    );
    model.add(
      tf.layers.conv2d({ filters, kernelSize: 1, padding: 'same', activation: 'relu6', kernelInitializer: he }),
    );
  }
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 1000, kernelInitializer: he }));
  return model;
}

/** Saves like `model.save('file://dir')` (which needs tfjs-node): model.json plus 4 MB weight shards. */
async function saveToDisk(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
      const paths: string[] = [];
      for (let at = 0, k = 1; at < bytes.length; at += 4 << 20, k++) {
        paths.push(`group1-shard${k}of${Math.ceil(bytes.length / (4 << 20))}.bin`);
        writeFileSync(path.join(dir, paths.at(-1)!), bytes.subarray(at, at + (4 << 20)));
      }
      const json = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
      };
      writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

describe('mlbench model <model.json>', () => {
  it('runs the saved layers model on the tfjs runtimes and skips the ONNX runtimes, never calling it ONNX', () => {
    const dir = tempDir();
    const run = mlbench([
      'model',
      path.join(ROOT, 'tests/fixtures/cases/tfjs-layers/model.json'),
      '--runtime',
      'tfjs:cpu,tfjs:wasm,ort-node:cpu',
      '--results-dir',
      dir,
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr + run.stdout).not.toMatch(/ONNX model \(corrupt|truncated/);
    const jobs = onlyResult(dir).jobs;
    expect(jobs.map((j) => [`${j.runtime.id}:${j.runtime.backend}`, j.status])).toEqual([
      ['ort-node:cpu', 'skipped'],
      ['tfjs:cpu', 'ok'],
      ['tfjs:wasm', 'ok'],
    ]);
    expect(jobs[0]!.error!.message).toMatch(/needs a tfjs runtime/);
    expect(jobs[2]!.parity).toMatchObject({ reference: 'tfjs:cpu', pass: true });
  }, 120_000);

  it('benchmarks a MobileNet-sized layers model saved to and loaded from disk on tfjs:cpu and tfjs:wasm with parity', async () => {
    await tf.setBackend('cpu');
    const model = mobilenetV1(64);
    expect(model.countParams()).toBeGreaterThan(4_000_000);
    const dir = path.join(tempDir(), 'mobilenet');
    await saveToDisk(model, dir);
    model.dispose();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin')).length).toBeGreaterThan(1);
    const results = path.join(dir, '..', 'r');
    const run = mlbench(
      ['model', path.join(dir, 'model.json'), '--runtime', 'tfjs:cpu,tfjs:wasm', '--results-dir', results, ...FAST],
      { timeoutMs: 300_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/conv2d_\w*_input \[1, 64, 64, 3\] float32/);
    const [cpu, wasm] = onlyResult(results).jobs;
    // Three queries are too few for LoadGen's early-stopping estimate: `invalid` is still a measured run.
    for (const job of [cpu!, wasm!]) {
      expect(['ok', 'invalid']).toContain(job.status);
      expect(job.latencyNs!.p50).toBeGreaterThan(0);
    }
    expect(cpu!.parity).toEqual({ reference: 'tfjs:cpu', checked: false, note: 'not checked (reference)' });
    const parity = wasm!.parity!;
    if (!('pass' in parity)) throw new Error('tfjs:wasm must be checked against tfjs:cpu');
    expect(parity).toMatchObject({ reference: 'tfjs:cpu', pass: true });
    // tfjs:cpu and tfjs:wasm sum in different orders: close (about 1e-6 here), not bit-identical.
    expect(parity.maxAbsDiff).toBeLessThan(1e-4);
    expect(parity.maxAbsDiff).toBeGreaterThan(0);
  }, 300_000);
});
