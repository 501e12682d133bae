import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../../reports/charts/index.js';
import { renderSvg } from '../../../reports/charts/render-svg.js';
import { buildReportModel } from '../../../reports/model.js';
import { fixtures, RUN_A1, RUN_A2, RUN_B1, XSS } from './helpers.js';

describe('charts', () => {
  it('every chart has data in the fixtures and renders to SVG with units on its axes', async () => {
    const model = buildReportModel(await fixtures(RUN_A1, RUN_A2, RUN_B1));
    const all = model.jobs;
    // The result fixtures hold no generation job and no sweep: token-latency renders in
    // reports-generation.test.ts, crossover in reports-crossover-chart.test.ts.
    for (const chart of CHARTS.filter((c) => c.id !== 'token-latency' && c.id !== 'crossover')) {
      const spec = chart.spec(all);
      expect(spec, chart.id).not.toBeNull();
      const svg = await renderSvg(spec!);
      expect(svg.startsWith('<svg'), chart.id).toBe(true);
      expect(svg, chart.id).toMatch(
        /\((ms|s|queries\/s|unitless, 0–1)[^)]*\)|GFLOP\/s|percentile \(%\)|times slower \(×\)/,
      );
      expect(svg).not.toMatch(/(href|src)="https?:/);
    }
  });

  it('leaves a chart out when it has no data', async () => {
    const model = buildReportModel(await fixtures(RUN_A1));
    const zoo = model.suites.find((s) => s.id === 'zoo')!.jobs;
    const drawn = CHARTS.filter((c) => c.spec(zoo) !== null).map((c) => c.id);
    expect(drawn).not.toContain('training-scaling');
    expect(drawn).not.toContain('server-latency-qps');
    expect(drawn).not.toContain('history-trend'); // one run only
    expect(CHARTS.every((c) => c.spec([]) === null)).toBe(true);
  });

  it('draws result strings as text, not markup', async () => {
    const model = buildReportModel(await fixtures(RUN_A1));
    const zoo = model.suites.find((s) => s.id === 'zoo')!.jobs;
    const svg = await renderSvg(CHARTS.find((c) => c.id === 'runtime-comparison')!.spec(zoo)!);
    expect(svg).not.toContain(XSS);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
