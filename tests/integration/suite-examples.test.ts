/**
 * The shipped examples run as the README says, from the repository root: a user suite module
 * (examples/my-suite.js), a YAML config over model files and a JSON config over a CSV; and
 * a CSV with NA cells trains with --missing impute, the rule recorded in the result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, ROOT, tempDir } from '../helpers/cli.js';

function run(args: string[]) {
  const out = tempDir();
  const r = mlbench(
    [
      'run',
      ...args,
      '--results-dir',
      out,
      '--no-report',
      '--set',
      'minDurationMs=100',
      '--set',
      'minQueryCount=20',
      '--set',
      'train.serve=false',
    ],
    { timeoutMs: 300_000 },
  );
  const [machine] = readdirSync(out);
  const [name] = readdirSync(path.join(out, machine!));
  return { ...r, result: parseResult(readFileSync(path.join(out, machine!, name!), 'utf8'), name!) };
}

const statuses = (r: ReturnType<typeof run>) =>
  r.result.jobs.map((j) => `${j.workload} ${j.runtime.id}:${j.runtime.backend} ${j.status}`);

describe('user suite examples', () => {
  it('runs ./examples/my-suite.js: an ONNX file, a tfjs model.json and a zoo model', () => {
    const r = run(['--suite', './examples/my-suite.js']);
    expect(r.code, r.stderr).toBe(0);
    expect(statuses(r)).toEqual([
      'sklearn-logreg ort-node:cpu ok',
      'sklearn-logreg ort-web:wasm ok',
      'tfjs-mlp tfjs:cpu ok',
      'tfjs-mlp tfjs:wasm ok',
      'zoo-mlp ort-node:cpu ok',
      'zoo-mlp ort-web:wasm ok',
      'zoo-mlp tfjs:wasm ok',
    ]);
    expect(r.result.jobs[0]!.suite).toBe('my-suite');
  }, 300_000);

  it('runs ./examples/mlbench.config.yaml (runtimes narrowed per model format) and the JSON config over a CSV', () => {
    const yaml = run(['--suite', './examples/mlbench.config.yaml']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(statuses(yaml)).toEqual([
      'sklearn-logreg ort-node:cpu ok',
      'sklearn-logreg ort-web:wasm ok',
      'tfjs-mlp tfjs:cpu ok',
      'tfjs-mlp tfjs:wasm ok',
    ]);
    const json = run(['--suite', './examples/mlbench.config.json']);
    expect(json.code, json.stderr).toBe(0);
    expect(statuses(json)).toEqual(['logreg-airline-2k-train tfjs:wasm ok', 'mlp-airline-2k-train tfjs:wasm ok']);
    expect(json.result.jobs[0]!.dataset?.id).toBe(`csv:${path.join(ROOT, 'tests/fixtures/cases/csv/airline-2k.csv')}`);
  }, 300_000);

  it('trains on a CSV with NA cells with --missing impute and records the rule', () => {
    const csv = path.join(ROOT, 'tests/fixtures/cases/csv/airline-na.csv');
    const refused = mlbench([
      'run',
      '--suite',
      'tabular',
      '--dataset',
      `csv:${csv}`,
      '--target',
      'dep_delayed_15min',
      '--runtime',
      'tfjs:wasm',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${csv}:2: missing value in numeric column "DepTime"`);
    const r = run([
      '--suite',
      'tabular',
      '--dataset',
      `csv:${csv}`,
      '--target',
      'dep_delayed_15min',
      '--runtime',
      'tfjs:wasm',
      '--missing',
      'impute',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.result.settings['csv.missing']).toBe('impute');
    expect(r.result.jobs[0]!.dataset?.preprocessing?.join('\n')).toMatch(
      /DepTime: \d+ missing value\(s\) imputed with the training-rows mean .*DepTime_missing/,
    );
  }, 300_000);
});
