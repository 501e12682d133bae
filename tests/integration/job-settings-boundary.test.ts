/**
 * A job's settings are validated once, where they enter the job process (harness/isolate/child.ts):
 * a job whose settings arrive malformed over IPC fails with an error naming the job and the
 * setting, and a well-formed one runs on the typed settings without a second parse downstream.
 */
import { describe, expect, it } from 'vitest';
import { completeSettings } from '../../harness/config/settings.js';
import { runJob } from '../../harness/isolate/runner.js';
import type { Job } from '../../harness/types.js';
import { smokeSuite } from '../../suites/smoke/index.js';

function smokeJob(settings: Job['settings']): Job {
  const w = smokeSuite.workloads('quick')[0]!;
  return {
    id: `smoke/${w.id}/null/single-stream`,
    suite: 'smoke',
    workload: w,
    runtime: 'null',
    scenario: 'single-stream',
    repeat: 0,
    settings,
  };
}

describe('job settings at the process boundary', () => {
  it('runs a job on complete settings, and refuses a malformed setting naming it', async () => {
    const good = completeSettings({
      ...smokeSuite.workloads('quick')[0]!.settings,
      minDurationMs: 0,
      minQueryCount: 8,
      warmupQueries: 1,
      warmupMs: 0,
    });
    expect((await runJob(smokeJob(good))).status).toBe('ok');
    const bad = { ...good, minQueryCount: 'many' } as unknown as Job['settings'];
    const result = await runJob(smokeJob(bad));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/job smoke\/.*settings.*minQueryCount/);
  }, 60_000);
});
