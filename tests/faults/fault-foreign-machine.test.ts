/** Fault 13: comparing results from another machine without the override: exit 2 naming both ids. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST, mlbench, resultFiles, tempDir } from './helpers.js';

describe('fault: a foreign machine without the override', () => {
  it('compare exits 2 with E_MACHINE_MISMATCH and the flag to override; with it, it runs', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'smoke', '--runtime', 'null', '--results-dir', dir, '--no-report', ...FAST]);
    expect(run.code, run.stderr).toBe(0);
    const [mine] = resultFiles(dir);
    const result = JSON.parse(readFileSync(mine!, 'utf8'));
    const foreign = path.join(dir, 'foreign.json');
    writeFileSync(
      foreign,
      JSON.stringify({
        ...result,
        machine: { ...result.machine, id: 'elsewhere-0123456789', cpu: { ...result.machine.cpu, brand: 'Other CPU' } },
      }),
    );
    const refused = mlbench(['compare', mine!, foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/E_MACHINE_MISMATCH/);
    expect(refused.stderr).toContain('elsewhere-0123456789');
    expect(refused.stderr).toMatch(/--allow-different-machine/);
    const allowed = mlbench(['compare', mine!, foreign, '--allow-different-machine']);
    expect([0, 1]).toContain(allowed.code);
  }, 60_000);
});
