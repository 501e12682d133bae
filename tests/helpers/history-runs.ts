/** Synthetic runs for the history tests: one job whose p50 latency follows `levels`, with ±noise. */
import { createRng } from '../../results/stats/random.js';
import type { ResultFile } from '../../results/schema.js';
import { sampleResult } from './sample-result.js';

/** `levels[i]` x (1 + uniform(-noise, +noise)), seeded. */
export function noisySeries(levels: number[], noise: number, seed: number): number[] {
  const rng = createRng(seed);
  return levels.map((v) => v * (1 + (rng.uniform() * 2 - 1) * noise));
}

/** The level sequence of 10 runs with a step of `step` (relative) at run `at` (1-based). */
export function stepLevels(n: number, at: number, step: number, base = 1e6): number[] {
  return Array.from({ length: n }, (_, i) => (i + 1 >= at ? base * (1 + step) : base));
}

/** One result file per value, a day apart, the job's p50 latency = the value. */
export function historyRuns(values: number[]): ResultFile[] {
  return values.map((v, i) => {
    const r = sampleResult();
    const day = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
    r.runId = `run-${String(i + 1).padStart(2, '0')}`;
    r.startedAt = day;
    r.finishedAt = day;
    r.git = { commit: (i + 1).toString(16).padStart(40, '0'), dirty: false };
    const job = r.jobs[0]!;
    delete job.samplesNs;
    job.latencyNs = {
      min: v * 0.9,
      p50: v,
      p90: v * 1.1,
      p95: v * 1.2,
      p97: v * 1.2,
      p99: v * 1.3,
      p999: v * 1.4,
      max: v * 1.5,
      mean: v,
    };
    return r;
  });
}
