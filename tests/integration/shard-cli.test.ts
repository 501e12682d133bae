/**
 * Scale-out: smoke + selftest as 3 shards in 3 concurrent processes (`--shard auto` with
 * JOB_COMPLETION_INDEX / JOB_COMPLETIONS, as in a Kubernetes Indexed Job), merged, equal one
 * unsharded run in job set and in structure, with no job in two shards.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import type { ResultFile } from '../../results/schema.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const ARGS = ['run', '--suite', 'smoke,selftest', '--runtime', 'null', '--min-duration', '100', '--no-report'];

async function mlbench(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin', 'mlbench.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  return stdout;
}

function only(dir: string): string {
  const [machine] = readdirSync(dir);
  return path.join(
    dir,
    machine!,
    readdirSync(path.join(dir, machine!)).find((f) => f.endsWith('.json'))!,
  );
}
const read = (file: string): ResultFile => parseResult(readFileSync(file, 'utf8'), file);
const ids = (r: ResultFile) => r.jobs.map((j) => j.id).sort();

describe('sharded run', () => {
  it('3 shards from JOB_COMPLETION_INDEX merge into the job set and structure of one unsharded run', async () => {
    const root = tempDir();
    const dirs = [0, 1, 2].map((i) => path.join(root, `shard-${i}`));
    const [single] = await Promise.all([
      mlbench([...ARGS, '--results-dir', path.join(root, 'single')]),
      ...dirs.map((dir, i) =>
        mlbench([...ARGS, '--shard', 'auto', '--results-dir', dir], {
          JOB_COMPLETION_INDEX: String(i),
          JOB_COMPLETIONS: '3',
        }),
      ),
    ]);
    expect(single).toMatch(/result file:/);
    const shards = dirs.map((d) => read(only(d)));
    expect(shards.map((s) => s.plan?.choices?.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    for (const s of shards) expect(s.jobs.length).toBeGreaterThan(0);
    const all = shards.flatMap(ids);
    expect(new Set(all).size).toBe(all.length);

    const merged = path.join(root, 'merged.json');
    await mlbench(['merge', ...dirs.map(only), '-o', merged]);
    const one = read(only(path.join(root, 'single')));
    const joined = read(merged);
    expect(ids(joined)).toEqual(ids(one));
    expect(Object.keys(joined).sort()).toEqual(Object.keys(one).sort());
    expect(joined.settings).toEqual(one.settings);
    // The run's choices are in its plan block, never among the measurement settings.
    for (const key of ['profile', 'suites', 'runtimes', 'scenarios', 'resultsDir', 'shard', 'mergedFrom']) {
      expect(Object.keys(one.settings)).not.toContain(key);
      expect(Object.keys(joined.settings)).not.toContain(key);
    }
    expect(
      Object.keys(joined.plan!.choices!)
        .filter((k) => k !== 'mergedFrom')
        .sort(),
    ).toEqual(Object.keys(one.plan!.choices!).sort());
    expect(joined.plan!.choices!.suites).toEqual(one.plan!.choices!.suites);
    const byId = new Map(one.jobs.map((j) => [j.id, j]));
    for (const job of joined.jobs) {
      expect(Object.keys(job).sort(), job.id).toEqual(Object.keys(byId.get(job.id)!).sort());
      // Injected faults end the same way in a shard as in the single run (timings may vary, faults not).
      if (/selftest\/(crash|hang|throw|oom)\//.test(job.id)) expect(job.status, job.id).toBe(byId.get(job.id)!.status);
    }
  }, 300_000);
});
