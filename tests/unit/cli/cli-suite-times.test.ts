/**
 * `mlbench list`'s measured time per suite (harness/cli/suite-times.ts): the summed job wall time
 * of the suite in this machine's newest whole run at the profile, read from its result files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measuredSuiteSeconds } from '../../../harness/cli/suite-times.js';
import { RUN_A1 } from '../reports/helpers.js';

type Result = {
  startedAt: string;
  settings: Record<string, unknown>;
  machine: { id: string };
  jobs: Array<{ suite: string; status: string; wallMs: number }>;
};
const base = JSON.parse(readFileSync(RUN_A1, 'utf8')) as Result;

describe('measuredSuiteSeconds', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a copy of RUN_A1 started at `startedAt`, every job taking `wallMs`, changed by `edit`. */
  function write(name: string, startedAt: string, wallMs: number, edit: (r: Result) => void = () => undefined): void {
    const r = structuredClone(base);
    r.startedAt = startedAt;
    for (const j of r.jobs) j.wallMs = wallMs;
    edit(r);
    mkdirSync(path.join(dir, r.machine.id), { recursive: true });
    writeFileSync(path.join(dir, r.machine.id, name), JSON.stringify(r));
  }

  it('takes the newest whole run at the profile, passing over skipped jobs, other profiles and bad files', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-suite-times-'));
    const jobs = base.jobs.filter((j) => j.suite === 'vision').length;
    expect(jobs).toBeGreaterThan(0);
    write('2025-01-01T00-00-00Z-a.json', '2025-01-01T00:00:00Z', 1000);
    write('2025-01-02T00-00-00Z-b.json', '2025-01-02T00:00:00Z', 2000);
    // Newer, but interrupted (a skipped job), at another profile, or not a result file: not counted.
    write('2025-01-03T00-00-00Z-c.json', '2025-01-03T00:00:00Z', 9000, (r) => void (r.jobs[0]!.status = 'skipped'));
    write('2025-01-04T00-00-00Z-d.json', '2025-01-04T00:00:00Z', 9000, (r) => void (r.settings.profile = 'standard'));
    writeFileSync(path.join(dir, base.machine.id, '2025-01-05T00-00-00Z-e.json'), '{ truncated');

    const times = await measuredSuiteSeconds(dir, base.machine.id, 'quick');
    expect(times.get('vision')).toEqual({ seconds: (jobs * 2000) / 1000, startedAt: '2025-01-02T00:00:00Z' });
    const standard = await measuredSuiteSeconds(dir, base.machine.id, 'standard');
    expect(standard.get('vision')?.seconds).toBe((jobs * 9000) / 1000);
  });

  it('has nothing for a machine (or a results folder) with no runs', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-suite-times-'));
    expect((await measuredSuiteSeconds(dir, 'other-machine', 'quick')).size).toBe(0);
    expect((await measuredSuiteSeconds(path.join(dir, 'missing'), 'x', 'quick')).size).toBe(0);
  });
});
