/**
 * The report's Node-vs-browser view: results for both hosts (a Node job and its chromium/ twin of
 * one workload, with known latencies) are paired side by side with the ratio browser / Node, its
 * interval and the threads of each side; a browser runtime without a Node twin (WebGL) or a
 * runtime measured in one host only has no row; the section opens the page before the first
 * suite's answer, in index.html and summary.md, with strings from results escaped.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html.js';
import { renderMarkdown } from '../../../reports/markdown.js';
import { buildReportModel } from '../../../reports/model.js';
import type { JobResult, ResultFile } from '../../../results/schema.js';
import { fixtures, RUN_A2, XSS } from './helpers.js';

/** A copy of `base` as `runtime` with latencies `scale` x 1..200 us. */
function hostJob(
  base: JobResult,
  runtime: string,
  threads: number,
  scale: number,
  workload = base.workload,
): JobResult {
  const [id, backend] = runtime.split(':') as [string, string];
  const samplesNs = Array.from({ length: 200 }, (_, i) => Math.round(scale * (i + 1) * 1000));
  return {
    ...base,
    id: `zoo/${workload}/${runtime}/single-stream/0`,
    suite: 'zoo',
    workload,
    runtime: { ...base.runtime, id, backend, threads },
    samplesNs,
    samplesCapped: false,
    histogramNs: undefined,
  } as JobResult;
}

async function bothHosts(): Promise<Array<{ file: string; result: ResultFile }>> {
  const runs = await fixtures(RUN_A2);
  const base = runs[0]!.result.jobs.find((j) => j.id === 'vision/lenet-mnist/ort-node:cpu/single-stream/0')!;
  runs[0]!.result.jobs = [
    hostJob(base, 'ort-web:wasm', 4, 1),
    hostJob(base, 'chromium/ort-web:wasm', 8, 1.5),
    hostJob(base, 'tfjs:wasm', 1, 2),
    hostJob(base, 'chromium/tfjs:wasm', 8, 1),
    hostJob(base, 'chromium/tfjs:webgl', 1, 3),
    hostJob(base, 'chromium/ort-web:wasm', 8, 1, XSS),
  ];
  return runs;
}

describe('report: Node vs browser', () => {
  it('pairs each browser runtime with its Node twin: medians, threads, ratio and interval', async () => {
    const view = buildReportModel(await bothHosts()).nodeVsBrowser!;
    expect(view.rows.map((r) => `${r.node.runtime} | ${r.browser.runtime}`)).toEqual([
      'ort-web:wasm | chromium/ort-web:wasm',
      'tfjs:wasm | chromium/tfjs:wasm',
    ]);
    const [ort, tfjs] = view.rows as [(typeof view.rows)[0], (typeof view.rows)[0]];
    expect(ort.node).toMatchObject({ value: 101_000, threads: 4 });
    expect(ort.browser).toMatchObject({ value: 151_500, threads: 8 });
    expect(ort.ratio).toBeCloseTo(1.5, 12);
    expect(tfjs.ratio).toBeCloseTo(0.5, 12);
    for (const r of view.rows) {
      expect(r.ratioLow!).toBeLessThan(r.ratio);
      expect(r.ratioHigh!).toBeGreaterThan(r.ratio);
    }
  });

  it('renders before the first answer in index.html and summary.md, escaped', async () => {
    const model = buildReportModel(await bothHosts());
    const html = renderHtml(model, [], []);
    const at = html.indexOf('id="node-vs-browser"');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(html.indexOf('id="answer-'));
    expect(html).toContain('browser 50% slower than Node');
    expect(html).toContain('browser 2.0× faster than Node');
    expect(html).not.toContain(XSS);
    expect(renderMarkdown(model, [], [])).toMatch(
      /## Node vs browser[^\n]*\n[\s\S]*\| lenet-mnist · single-stream \| ort-web:wasm \| 101 µs \| 4 \| chromium\/ort-web:wasm \| 152 µs \| 8 \| 1\.50× \[/,
    );
  });

  it('has no view without a browser job beside its Node twin', async () => {
    expect(buildReportModel(await fixtures(RUN_A2)).nodeVsBrowser).toBeNull();
  });
});
