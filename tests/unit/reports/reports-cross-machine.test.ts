/**
 * Two machines' results in one report: the cross-machine view puts the same job side by side with
 * the ratio B / A and its interval, names the facts that differ, warns on different settings, and
 * opens the page (before the first suite's leaderboard). Model-level suites come before micro.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html.js';
import { renderMarkdown } from '../../../reports/markdown.js';
import { buildReportModel } from '../../../reports/model.js';
import { fixtures, RUN_A2, RUN_B1 } from './helpers.js';

describe('report: machines side by side', () => {
  it('pairs the same job on both machines with its ratio, interval and differing facts', async () => {
    const model = buildReportModel(await fixtures(RUN_A2, RUN_B1));
    const view = model.crossMachine!;
    expect(view.machines.map((m) => m.label.split(':')[0])).toEqual(['A', 'B']);
    const row = view.rows.find(
      (r) => r.workload === 'lenet-mnist' && r.runtime === 'ort-node:cpu' && r.scenario === 'single-stream',
    )!;
    const [a, b] = [row.cells[view.machines[0]!.id]!, row.cells[view.machines[1]!.id]!];
    expect(a.ratio).toBe(1);
    expect(b.ratio).toBeCloseTo(b.value / a.value, 12);
    if (b.ratioLow !== null) expect(b.ratioLow).toBeLessThanOrEqual(b.ratio);
    if (b.ratioHigh !== null) expect(b.ratioHigh).toBeGreaterThanOrEqual(b.ratio);
    expect(view.differingFacts.map(([k]) => k)).toContain('CPU');
    expect(view.differingFacts.map(([k]) => k)).not.toContain('fingerprint');
  });

  it('warns when the machines ran with different settings, and opens the page', async () => {
    const runs = await fixtures(RUN_A2, RUN_B1);
    runs[1]!.result.settings = { ...runs[0]!.result.settings };
    expect(buildReportModel(runs).crossMachine!.settingsWarning).toBeNull();
    runs[1]!.result.settings = { ...runs[0]!.result.settings, minDurationMs: 123 };
    const model = buildReportModel(runs);
    expect(model.crossMachine!.settingsWarning).toMatch(
      /different settings \(minDurationMs: (unset → 123|123 → unset)\)/,
    );
    const html = renderHtml(model, [], []);
    const view = html.indexOf('id="cross-machine"');
    expect(view).toBeGreaterThan(0);
    expect(view).toBeLessThan(html.indexOf('id="answer-'));
    expect(html).toContain('different settings');
    expect(renderMarkdown(model, [], [])).toMatch(/## Machines side by side: B against A/);
  });

  it('has no view for one machine, and puts model suites first and micro last', async () => {
    const model = buildReportModel(await fixtures(RUN_A2));
    expect(model.crossMachine).toBeNull();
    const ids = model.suites.map((s) => s.id);
    if (ids.includes('micro')) expect(ids.at(-1)).toBe('micro');
    if (ids.includes('zoo')) expect(ids[0]).toBe('zoo');
  });
});
