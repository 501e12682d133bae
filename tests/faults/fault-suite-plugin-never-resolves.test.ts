/** Fault: a user suite whose workloads() (or import) never resolves times out naming the file. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('fault: suite plugin never resolves', () => {
  it('times out after suite.loadTimeoutMs and exits 2 naming the file and the call', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hanging-suite.js');
    writeFileSync(
      file,
      "export default { id: 'hang', describe: () => 'hangs', workloads: () => new Promise(() => {}) };\n",
    );
    const run = mlbench([
      'run',
      '--suite',
      file,
      '--set',
      'suite.loadTimeoutMs=500',
      '--results-dir',
      path.join(dir, 'r'),
      '--no-report',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_TIMEOUT/);
    expect(run.stderr).toContain(`${file}: workloads("quick") did not finish within 500 ms (suite.loadTimeoutMs)`);
    expect(run.ms).toBeLessThan(30_000);
  });

  it('times out a top-level await that never settles, naming the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tla-suite.mjs');
    writeFileSync(file, 'await new Promise((resolve) => setTimeout(resolve, 60_000));\nexport default {};\n');
    const run = mlbench([
      'run',
      '--suite',
      file,
      '--set',
      'suite.loadTimeoutMs=500',
      '--results-dir',
      path.join(dir, 'r'),
      '--no-report',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: import did not finish within 500 ms`);
    expect(run.ms).toBeLessThan(30_000);
  });
});
