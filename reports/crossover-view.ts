/**
 * The crossover finder's view of a report's jobs (results/crossover.ts): per machine, the newest
 * run's swept jobs -> points and sentences. The chart (charts/crossover.ts), the HTML answer block
 * and summary.md read it from here.
 */
import { findCrossovers, type Crossover } from '../results/index.js';
import type { ReportJob } from './model.js';

export interface MachineCrossover extends Crossover {
  machineLabel: string;
}

/** Every sweep of these jobs (one suite's, any machines), newest run per machine. */
export function crossoversOf(jobs: ReportJob[]): MachineCrossover[] {
  const swept = jobs.filter((j) => j.latest && j.sweep);
  const machines = [...new Set(swept.map((j) => j.machineId))];
  return machines.flatMap((id) => {
    const mine = swept.filter((j) => j.machineId === id);
    const label = mine[0]!.machineLabel;
    return findCrossovers(mine.map((j) => ({ ...j, software: j.softwareAdapter ?? null }))).map((c) => ({
      ...c,
      machineLabel: label,
    }));
  });
}
