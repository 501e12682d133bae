/** Fault 16: an unknown runtime: exit 2 before any job, naming the flag, the value and the valid ones. */
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from './helpers.js';

describe('fault: an unknown runtime', () => {
  it('run and model exit 2 with E_UNKNOWN_RUNTIME listing the valid runtimes', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'ort-node:tpu', '--results-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_UNKNOWN_RUNTIME.*--runtime.*"ort-node:tpu".*Valid values: .*ort-node:cpu/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
