/** `mlbench model bert-tiny.onnx --seq 32,128`: one job per sequence length, mask all ones, tokens/s beside latency. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const BERT = path.resolve('../shared/cases/onnx/bert-tiny.onnx');

describe.skipIf(!existsSync(BERT))('mlbench model --seq (encoder ladder)', () => {
  it('times each sequence length with int64 input_ids and an all-ones attention mask', () => {
    const dir = tempDir();
    const run = mlbench([
      'model',
      BERT,
      '--seq',
      '32,128',
      '--runtime',
      'ort-node:cpu',
      '--min-duration',
      '50',
      '--min-queries',
      '20',
      '--results-dir',
      dir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toMatch(
      /sequence ladder 32, 128: input_ids \[1, 32\] int64, attention_mask \[1, 32\] int64 \(fixed\)/,
    );
    const [machine] = readdirSync(dir);
    const file = path.join(dir, machine!, readdirSync(path.join(dir, machine!))[0]!);
    const jobs = parseResult(readFileSync(file, 'utf8'), file).jobs;
    expect(jobs.map((j) => j.workload)).toEqual(['bert-tiny-seq32', 'bert-tiny-seq128']);
    for (const [j, seq] of [
      [jobs[0]!, 32],
      [jobs[1]!, 128],
    ] as const) {
      expect(j.status).toBe('ok');
      expect(j.tokensPerS).toBeCloseTo(j.throughputPerS! * seq, 6);
    }
  }, 120_000);

  it('refuses --seq for a model without input_ids (exit 2)', () => {
    const run = mlbench([
      'model',
      path.resolve('../shared/cases/onnx/extdata/model.onnx'),
      '--seq',
      '32',
      '--results-dir',
      tempDir(),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--seq: .* has no int64 input "input_ids"/);
  });
});
