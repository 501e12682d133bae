/**
 * A report written into a folder that holds an earlier report keeps none of the earlier run's
 * charts (issue 25: each run overwrote out/report and left stale charts beside the new ones).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fixtures, RUN_A1 } from './helpers.js';

// The unit lane shares modules across files: imported here, write-report.js would stay bound to
// the real png.js in a file that mocks it (reports-png-failure), so the modules are dropped after.
const { writeReport } = await import('../../../reports/write-report.js');
afterAll(() => void vi.resetModules());

/** RUN_A1 cut to its micro jobs: a report with fewer charts than RUN_A1's. */
async function microOnly() {
  const [run] = await fixtures(RUN_A1);
  return [{ ...run!, result: { ...run!.result, jobs: run!.result.jobs.filter((j) => j.suite === 'micro') } }];
}

describe('writeReport into a folder with an earlier report', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('removes the charts the new report does not have, and keeps other files', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-stale-'));
    const charts = path.join(dir, 'charts');
    const first = await writeReport(await fixtures(RUN_A1), dir);
    writeFileSync(path.join(charts, 'notes.txt'), 'the user put this here');
    const second = await writeReport(await microOnly(), dir);

    const names = (files: string[]) =>
      files
        .filter((f) => path.dirname(f) === charts)
        .map((f) => path.basename(f))
        .sort();
    const before = names(first.files);
    const after = names(second.files);
    const dropped = before.filter((n) => !after.includes(n));
    expect(dropped.length, 'the two fixtures must have different charts').toBeGreaterThan(0);
    expect(readdirSync(charts).sort()).toEqual([...after, 'notes.txt'].sort());
  });

  it('writes the first report into a folder with no charts folder', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-stale-'));
    const { files } = await writeReport(await microOnly(), path.join(dir, 'fresh'));
    expect(files[0]).toMatch(/index\.html$/);
  });
});
