/**
 * Fault 5: the disk fills up (ENOSPC) while the partial and the final result file are written.
 * A preloaded module makes every write of a `.json` file under the results folder fail. The run
 * still measures every job, earlier result files stay intact, the error names the folder, and the
 * measurements are saved to a rescue file outside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { FAST, mlbench, resultFiles, tempDir } from './helpers.js';

describe('fault: ENOSPC while writing the result file and the partial file', () => {
  it('exits 2 naming the folder, keeps earlier files and rescues the measurements', () => {
    const dir = tempDir();
    const args = [
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--scenario',
      'single-stream,offline',
      '--results-dir',
      dir,
      '--no-report',
      ...FAST,
    ];
    const first = mlbench(args);
    expect(first.code, first.stderr).toBe(0);
    const [earlier] = resultFiles(dir);
    const before = readFileSync(earlier!, 'utf8');

    const preload = pathToFileURL(path.join(__dirname, 'inject-enospc.mjs')).href;
    const full = mlbench(args, {
      env: {
        NODE_OPTIONS: `--import ${preload}`,
        MLBENCH_TEST_ENOSPC: `^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/.*\\.json`,
      },
    });
    expect(full.code, full.stderr).toBe(2);
    expect(full.stderr).toContain(path.dirname(earlier!));
    expect(full.stderr).toMatch(/ENOSPC/);
    expect(readFileSync(earlier!, 'utf8')).toBe(before);
    expect(resultFiles(dir)).toEqual([earlier]);

    const rescue = /the measurements are in (\S+) \(/.exec(full.stderr)?.[1];
    expect(rescue, full.stderr).toBeDefined();
    expect(existsSync(rescue!)).toBe(true);
    const saved = parseResult(readFileSync(rescue!, 'utf8'), rescue!);
    expect(saved.jobs.map((j) => j.status)).toEqual(['ok', 'ok']);
  }, 120_000);
});
