/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format):
 * `{ <benchmark>: { <measure>: { value, lower_value?, upper_value? } } }`, one JSON file for
 * `bencher run --adapter json --file <file>`. `latency` (ns) and `throughput` are Bencher's
 * built-in measures; peak-rss (bytes), train-seconds and the accuracy metric are created on
 * first upload. Bounds are the 95% intervals of results/export/measures.ts.
 */
import type { Exporter } from './exporter.js';
import { byBenchmark, measuredJobs } from './exporter.js';
import { measuresOf } from './measures.js';

interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export const bmfExporter: Exporter = {
  render(inputs) {
    const report: Record<string, Record<string, BmfMetric>> = {};
    for (const [name, jobs] of byBenchmark(measuredJobs(inputs))) {
      const measures: Record<string, BmfMetric> = {};
      for (const m of measuresOf(jobs)) {
        measures[m.id] = {
          value: m.value,
          ...(m.low !== null ? { lower_value: m.low } : {}),
          ...(m.high !== null ? { upper_value: m.high } : {}),
        };
      }
      if (Object.keys(measures).length) report[name] = measures;
    }
    if (!Object.keys(report).length) return [];
    return [{ name: 'bmf.json', content: `${JSON.stringify(report, null, 2)}\n` }];
  },
};
