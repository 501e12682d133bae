/** `mlbench merge`: shards of one run join into one valid result file; mismatches are refused. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

function only(dir: string): string {
  const [machine] = readdirSync(dir);
  const [name] = readdirSync(path.join(dir, machine!));
  return path.join(dir, machine!, name!);
}

describe('mlbench merge', () => {
  it('joins --shard 1/2 and 2/2 into one result with every job once', () => {
    const root = tempDir();
    const common = [
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'null',
      '--scenario',
      'single-stream,offline',
      '--min-duration',
      '100',
      '--no-report',
    ];
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    expect(mlbench([...common, '--shard', '1/2', '--results-dir', a]).code).toBe(0);
    expect(mlbench([...common, '--shard', '2/2', '--results-dir', b]).code).toBe(0);
    const out = path.join(root, 'merged.json');
    const merged = mlbench(['merge', only(a), only(b), '-o', out]);
    expect(merged.code, merged.stderr).toBe(0);
    const result = parseResult(readFileSync(out, 'utf8'), out);
    expect(result.jobs.map((j) => j.scenario).sort()).toEqual(['offline', 'single-stream']);

    const again = mlbench(['merge', only(a), only(a), '-o', path.join(root, 'twice.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is in both/);

    const other = JSON.parse(readFileSync(only(b), 'utf8'));
    other.machine.id = 'another-machine-0000000000';
    const foreign = path.join(root, 'foreign.json');
    writeFileSync(foreign, JSON.stringify(other));
    const refused = mlbench(['merge', only(a), foreign, '-o', path.join(root, 'x.json')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/E_MACHINE_MISMATCH.*another-machine/);
  });
});
