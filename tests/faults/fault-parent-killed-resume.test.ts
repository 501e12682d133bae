/**
 * Fault 4: the parent is SIGKILLed mid-suite (its job process with it). The partial file written
 * after every job keeps what was measured; `--resume` finishes the run, every job exactly once,
 * and the carried jobs are the very measurements the partial file held.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { FAST, mlbench, resultFiles, ROOT, tempDir } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function partials(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((m) =>
    readdirSync(path.join(dir, m))
      .filter((f) => f.endsWith('.partial'))
      .map((f) => path.join(dir, m, f)),
  );
}

describe('fault: the parent is SIGKILLed mid-suite, then --resume', () => {
  it('keeps every finished job exactly once', async () => {
    const dir = tempDir();
    const args = [
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--scenario',
      'single-stream,multi-stream,offline',
      '--repeat',
      '2',
      '--results-dir',
      dir,
      '--no-report',
      ...FAST,
    ];
    // A process group of its own, so the kill takes the job process too, as a killed terminal would.
    const parent = spawn(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
    });
    let partial: string | undefined;
    for (let i = 0; i < 600 && !partial; i++) {
      await sleep(100);
      partial = partials(dir).find((f) => (JSON.parse(readFileSync(f, 'utf8')).jobs as unknown[]).length >= 2);
    }
    expect(partial, 'no partial file with 2 jobs within 60 s').toBeDefined();
    process.kill(-parent.pid!, 'SIGKILL');
    await new Promise((r) => parent.once('exit', r));
    expect(resultFiles(dir)).toEqual([]);
    const before = parseResult(readFileSync(partial!, 'utf8'), partial!);

    // The file alone says what to run: suites, runtimes, scenarios and settings.
    const resumed = mlbench(['run', '--resume', partial!]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [file] = resultFiles(dir);
    const after = parseResult(readFileSync(file!, 'utf8'), file!);
    const ids = after.jobs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(6);
    for (const j of after.jobs) expect(j.status, j.id).toBe('ok');
    for (const carried of before.jobs) expect(after.jobs.find((j) => j.id === carried.id)).toEqual(carried);
  }, 180_000);
});
