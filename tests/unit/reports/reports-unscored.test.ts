/** An accuracy run without labels is UNSCORED (neither valid nor invalid), and the report says so. */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html.js';
import { buildReportModel } from '../../../reports/model.js';
import { fixtures, RUN_A1 } from './helpers.js';

describe('report: UNSCORED', () => {
  it('shows an unlabelled accuracy run as UNSCORED, not INVALID', async () => {
    const [run] = await fixtures(RUN_A1);
    const job = run!.result.jobs.find((j) => j.status === 'ok')!;
    job.validity = { valid: false, result: 'UNSCORED', reasons: [] } as unknown as typeof job.validity;
    const model = buildReportModel([run!]);
    const reportJob = model.jobs.find(
      (j) =>
        j.runId === run!.result.runId &&
        j.key.endsWith(`${job.runtime.id}:${job.runtime.backend}/${job.scenario}`) &&
        j.workload === job.workload,
    )!;
    expect(reportJob.verdict).toBe('UNSCORED');
    const html = renderHtml(model, [], []);
    expect(html).toContain('v-UNSCORED');
  });
});
