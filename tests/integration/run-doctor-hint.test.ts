/**
 * Issue 25: when a runtime is unavailable, the first line `mlbench run` prints points to
 * `mlbench doctor`. tfjs-node is not installed here (it needs internet), so its jobs are
 * unavailable and the run has nothing to measure: the check costs the probes only.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

const tfjsNodeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

describe('mlbench run with an unavailable runtime', () => {
  it.skipIf(tfjsNodeInstalled)('says on its first line to run mlbench doctor', () => {
    const run = mlbench([
      'run',
      '--suite',
      'tabular',
      '--runtime',
      'tfjs-node:tensorflow',
      '--results-dir',
      tempDir(),
      '--no-report',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const first = run.stderr.split('\n').find((l) => l.trim() !== '');
    expect(first).toMatch(/^mlbench \S+: 0 jobs on .*1 runtime\(s\) unavailable here: run mlbench doctor/);
    expect(run.stderr).toMatch(/tfjs-node:tensorflow \(\d+ jobs\): @tensorflow\/tfjs-node is not installed/);
  });
});
