/** `mlbench run --suite tabular --dataset csv:<file> --target <col>`: user data end to end. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

function userCsv(dir: string): string {
  const lines = ['zip,distance,hour,carrier,late'];
  let state = 7;
  const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    const hour = Math.floor(rand() * 24);
    const carrier = ['AA', 'UA', 'DL', 'WN'][Math.floor(rand() * 4)]!;
    const late = rand() < 0.1 + 0.5 * Number(hour > 17) + 0.2 * Number(carrier === 'WN') ? 1 : 0;
    lines.push(`${String(1000 + i).padStart(5, '0')},${Math.floor(rand() * 3000)},${hour},${carrier},${late}`);
  }
  const file = path.join(dir, 'flights-mine.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('run --dataset csv:', () => {
  it('trains the tabular workloads on the user file and records the dataset', () => {
    const dir = tempDir();
    const csv = userCsv(dir);
    const out = path.join(dir, 'results');
    const run = mlbench([
      'run',
      '--suite',
      'tabular',
      '--dataset',
      `csv:${csv}`,
      '--target',
      'late',
      '--runtime',
      'tfjs:wasm',
      '--results-dir',
      out,
      '--no-report',
      '--set',
      'train.serve=false',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [machine] = readdirSync(out);
    const [name] = readdirSync(path.join(out, machine!));
    const result = parseResult(readFileSync(path.join(out, machine!, name!), 'utf8'), name!);
    const ids = result.jobs.map((j) => j.workload);
    expect(ids).toEqual(['logreg-flights-mine-train', 'mlp-flights-mine-train']);
    for (const job of result.jobs) {
      expect(job.dataset?.id).toBe(`csv:${csv}`);
      expect(job.accuracy?.value).toBeGreaterThan(0.6);
    }
  });

  it('refuses a missing target column (exit 2, file and column named) and --dataset without tabular', () => {
    const dir = tempDir();
    const csv = userCsv(dir);
    const bad = mlbench([
      'run',
      '--suite',
      'tabular',
      '--dataset',
      `csv:${csv}`,
      '--target',
      'nope',
      '--results-dir',
      dir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${csv}:1: target column "nope"`);
    const noTarget = mlbench(['run', '--suite', 'tabular', '--dataset', `csv:${csv}`]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/--target <column>/);
    const wrongSuite = mlbench(['run', '--suite', 'smoke', '--dataset', 'synthetic-tabular']);
    expect(wrongSuite.code).toBe(2);
    expect(wrongSuite.stderr).toMatch(/use it with --suite tabular/);
  });
});
