/**
 * `mlbench compare` through the built CLI on result files written by the test: exit codes
 * (0 unchanged, 1 regression, 2 bad input), formats, and the machine refusal.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';
import { job, latencies, machine, result } from '../unit/compare/make-result.js';
import type { ResultFile } from '../../results/schema.js';

function write(dir: string, name: string, r: ResultFile): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(r));
  return file;
}

describe('mlbench compare (CLI)', () => {
  const dir = tempDir();
  // Eight runs (repeats) per file: the unit of the comparison is the run.
  const runs = (medianNs: number) =>
    [0, 1, 2, 3, 4, 5, 6, 7].map((r) =>
      job({ repeat: r, samplesNs: latencies(5 + r, 400, medianNs * (1 + 0.002 * (r % 3)), 0.01) }),
    );
  const base = write(dir, 'base.json', result(runs(100_000)));
  const slow = write(dir, 'slow.json', result(runs(130_000)));

  it('A against A exits 0 with every job unchanged', () => {
    const run = mlbench(['compare', base, base]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/result: 1 unchanged/);
    expect(run.stdout).not.toMatch(/regression\s*$/m);
    expect(run.stderr).toMatch(/warning: the baseline and the candidate are the same file/);
  });

  it('warns when two different paths hold identical runs, and not for two runs', () => {
    const copy = path.join(dir, 'copy.json');
    copyFileSync(base, copy);
    expect(mlbench(['compare', base, copy]).stderr).toMatch(/identical files/);
    expect(mlbench(['compare', base, slow]).stderr).not.toMatch(/warning: the baseline and the candidate/);
  });

  it('a regression exits 1; --format md is a GitHub table; --format json parses', () => {
    const md = mlbench(['compare', base, slow, '--format', 'md']);
    expect(md.code, md.stderr).toBe(1);
    expect(md.stdout).toMatch(/^\| job \| metric \| runs \| baseline \| candidate \|/m);
    expect(md.stdout).toMatch(/^\|---\|---\|---:\|/m);
    expect(md.stdout).toMatch(/:red_circle: regression/);
    const json = mlbench(['compare', base, slow, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).regression).toBe(true);
  });

  it('refuses a different machine with exit 2 unless --allow-different-machine', () => {
    const other = write(dir, 'other.json', { ...result([job()], 'm-2'), machine: machine('m-2', { node: 'v22.1.0' }) });
    const refused = mlbench(['compare', base, other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/E_MACHINE_MISMATCH.*m-1.*m-2.*node/);
    const allowed = mlbench(['compare', base, other, '--allow-different-machine']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/one run per side: not testable/);
  });

  it('batch 1 against batch 8 of the same model file is not comparable, exit 0 with the reason (why 8)', () => {
    const fed = (batch: number) => [{ name: 'x', dtype: 'float32', dims: [batch, 3, 48, 192] }];
    const model = { kind: 'file', path: '/models/ch_ppocr_mobile_v2.0_cls_infer.onnx' };
    const b1 = write(dir, 'b1.json', result(runs(100_000).map((j) => ({ ...j, model, inputs: fed(1) }))));
    const b8 = write(dir, 'b8.json', result(runs(733_600).map((j) => ({ ...j, model, inputs: fed(8) }))));
    const run = mlbench(['compare', b1, b8]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/not comparable \(x: 1x3x48x192 float32 → 8x3x48x192 float32\)/);
    expect(run.stdout).toMatch(/result: 1 not comparable$/m);
  });

  it('names a missing file and a bad flag, exit 2', () => {
    const missing = mlbench(['compare', base, path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    const bad = mlbench(['compare', base, base, '--alpha', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--alpha 2: expected a number in \(0, 1\)/);
    const pair = mlbench(['compare', base, base, '--threshold-for', 'memory']);
    expect(pair.stderr).toMatch(/--threshold-for memory: expected metric=percent/);
    const format = mlbench(['compare', base, base, '--format', 'html']);
    expect(format.stderr).toMatch(/terminal, md, json/);
  });
});
