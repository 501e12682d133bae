/**
 * github-action-benchmark custom tools (github.com/benchmark-action/github-action-benchmark,
 * "customSmallerIsBetter" / "customBiggerIsBetter"): each a JSON array of
 * `{ name, unit, value, range?, extra? }` with `range` and `extra` strings. The action takes one
 * tool per file, so measures are split by direction into two files; `range` is the 95% interval.
 */
import { jobSoftwareWarning } from '../adapter-label.js';
import type { Exporter } from './exporter.js';
import { byBenchmark, measuredJobs } from './exporter.js';
import { measuresOf } from './measures.js';

interface BenchmarkResult {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

const sig = (v: number) => String(Number(v.toPrecision(6)));

export const githubActionBenchmarkExporter: Exporter = {
  render(inputs) {
    const smaller: BenchmarkResult[] = [];
    const bigger: BenchmarkResult[] = [];
    for (const [name, jobs] of byBenchmark(measuredJobs(inputs))) {
      const first = jobs[0]!;
      const extra = [
        `runs: ${jobs.length}`,
        `status: ${[...new Set(jobs.map((j) => j.status))].join('/')}`,
        `runtime: ${first.runtime.id}:${first.runtime.backend} ${first.runtime.version ?? ''}`.trim(),
        ...(jobSoftwareWarning(first) ? [`WARNING: ${jobSoftwareWarning(first)}`] : []),
      ].join('\n');
      for (const m of measuresOf(jobs)) {
        const entry: BenchmarkResult = { name: `${name} - ${m.id}`, unit: m.unit, value: m.value, extra };
        if (m.low !== null && m.high !== null) entry.range = `95% CI ${sig(m.low)} .. ${sig(m.high)}`;
        (m.better === 'lower' ? smaller : bigger).push(entry);
      }
    }
    if (!smaller.length && !bigger.length) return [];
    return [
      { name: 'customSmallerIsBetter.json', content: `${JSON.stringify(smaller, null, 2)}\n` },
      { name: 'customBiggerIsBetter.json', content: `${JSON.stringify(bigger, null, 2)}\n` },
    ];
  },
};
