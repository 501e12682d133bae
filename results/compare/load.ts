/** Reads the result files (or folders of them) of one side of a comparison. */
import { loadResults } from '../load.js';
import type { JobResult, ResultFile } from '../schema.js';
import type { CompareSide } from './types.js';

/** A side from result files already in memory (`sources[i]` names `results[i]` when the lengths match). */
export function sideFromResults(results: ResultFile[], sources: string[]): CompareSide {
  const jobSources = new Map<JobResult, string>();
  if (sources.length === results.length) results.forEach((r, i) => r.jobs.forEach((j) => jobSources.set(j, sources[i]!)));
  return { sources, machines: results.map((r) => r.machine), jobs: results.flatMap((r) => r.jobs), jobSources };
}

/**
 * Loads every result file under `inputs` (files or folders, each file once) with the shared
 * loader; a bad file is an error here, not a warning. `role` names the side in errors.
 */
export async function loadSide(inputs: string[], role: 'baseline' | 'candidate'): Promise<CompareSide> {
  const { results } = await loadResults(inputs, { badFile: 'throw', role });
  return sideFromResults(results.map((r) => r.result), results.map((r) => r.file));
}
