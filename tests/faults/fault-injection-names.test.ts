/**
 * Fault 18: markup and terminal escape codes in a model file name, a dataset file name and a
 * hostname. HTML and Markdown escape them; the terminal shows no escape sequence at all.
 */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../harness/models/index.js';
import { FAST, mlbench, resultFiles, tempDir } from './helpers.js';

const EVIL = '<img src=x onerror=alert(1)>\u001b[31mRED\u001b]0;pwned\u0007|*x*';
const ESC = /[\u001b\u0007\u009b]/;

describe('fault: injection in a model, dataset or host name', () => {
  it('is escaped in HTML and Markdown and stripped on the terminal', async () => {
    const dir = tempDir();
    const model = path.join(dir, `${EVIL}.onnx`);
    writeFileSync(model, (await buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 4 }, seed: 1 })).onnx);
    const results = path.join(dir, 'results');
    const run = mlbench(['model', model, '--runtime', 'ort-node:cpu', '--results-dir', results, ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(ESC);
    expect(run.stdout).toMatch(/RED/);

    // The same name as a hostname, written into the result as another machine would.
    const [file] = resultFiles(results);
    const result = JSON.parse(readFileSync(file!, 'utf8'));
    result.machine.hostname = EVIL;
    writeFileSync(file!, JSON.stringify(result));
    const out = path.join(dir, 'report');
    const report = mlbench(['report', results, '--output', out]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout + report.stderr).not.toMatch(ESC);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(ESC);
    // The job's parity is shown beside it, with the independent reference named.
    expect(html).toMatch(/pass<\/span> [\d.e+-]+ vs float64 ONNX evaluator/);
    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect(md).not.toMatch(/[^\\]\|\*x\*/); // the pipe and the emphasis are escaped
    const compare = mlbench(['compare', file!, file!]);
    expect(compare.stdout + compare.stderr).not.toMatch(ESC);

    // A dataset file with the same name: the terminal stays clean on success and on error.
    const csv = path.join(dir, `${EVIL}.csv`);
    writeFileSync(csv, 'a,y\n1,0\n2,1\n3,0\n4,1\n');
    const prep = mlbench([
      'datasets',
      'prepare',
      `csv:${csv}`,
      '--target',
      'y',
      '--cache-dir',
      path.join(dir, 'cache'),
    ]);
    expect(prep.code, prep.stderr).toBe(0);
    expect(prep.stdout + prep.stderr).not.toMatch(ESC);
    copyFileSync(csv, path.join(dir, 'ok.csv'));
    const bad = mlbench([
      'datasets',
      'prepare',
      `csv:${csv}`,
      '--target',
      'nope',
      '--cache-dir',
      path.join(dir, 'cache'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/RED/);
    expect(bad.stderr).not.toMatch(ESC);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  }, 120_000);
});
