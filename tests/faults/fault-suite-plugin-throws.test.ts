/** Fault: a user suite module that throws at import exits 2 naming the file; nothing runs. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('fault: suite plugin throws at import', () => {
  it('exits 2 with a message naming the file and the error', () => {
    const dir = tempDir();
    const file = path.join(dir, 'broken-suite.js');
    writeFileSync(file, "throw new Error('cannot find my models');\nexport default {};\n");
    const run = mlbench(['run', '--suite', file, '--results-dir', path.join(dir, 'r'), '--no-report']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_BAD_SUITE/);
    expect(run.stderr).toContain(`${file}: the suite module threw at import: cannot find my models`);
  });

  it('exits 2 naming the file when workloads() throws, and when the module has a syntax error', () => {
    const dir = tempDir();
    const throwing = path.join(dir, 'throwing-suite.mjs');
    writeFileSync(
      throwing,
      "export default { id: 'x', describe: () => 'x', workloads() { throw new Error('no GPU here'); } };\n",
    );
    const run = mlbench(['run', '--suite', throwing, '--results-dir', path.join(dir, 'r'), '--no-report']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${throwing}: workloads("quick") threw: no GPU here`);
    const syntax = path.join(dir, 'syntax-suite.js');
    writeFileSync(syntax, 'export default { id: ;\n');
    const bad = mlbench(['run', '--suite', syntax, '--results-dir', path.join(dir, 'r'), '--no-report']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${syntax}: the suite module threw at import`);
  });
});
