/**
 * Fault 20: two runs at once into one results folder and one cache folder. Each writes its own
 * complete result file (append-only, no overwrite) and the shared cache entry stays valid.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { FAST, ROOT, mlbench, resultFiles, tempDir } from './helpers.js';

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('fault: two concurrent runs into one results folder and one cache folder', () => {
  it('both results are complete and distinct; the cache is built once and valid', async () => {
    const dir = tempDir();
    const run = ['run', '--suite', 'smoke', '--runtime', 'null', '--results-dir', dir, '--no-report', ...FAST];
    const runs = await Promise.all([cli(run), cli(run)]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const files = resultFiles(dir);
    expect(files).toHaveLength(2);
    const ids = files.map((f) => parseResult(readFileSync(f, 'utf8'), f).runId);
    expect(new Set(ids).size).toBe(2);

    const csv = path.join(dir, 'data.csv');
    writeFileSync(
      csv,
      ['a,y', ...Array.from({ length: 5000 }, (_, i) => `${i % 97},${i % 5 === 0 ? 1 : 0}`)].join('\n'),
    );
    const prepare = ['datasets', 'prepare', `csv:${csv}`, '--target', 'y', '--cache-dir', path.join(dir, 'cache')];
    const preps = await Promise.all([cli(prepare), cli(prepare)]);
    for (const r of preps) expect(r.code, r.stderr).toBe(0);
    const after = mlbench(prepare);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/already cached \(verified\)/);
  }, 120_000);
});
