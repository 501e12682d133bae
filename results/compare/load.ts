/** Reads the result files (or folders of them) of one side of a comparison. */
import { UsageError } from '../../harness/errors.js';
import { listResultFiles, readResult } from '../store.js';
import type { JobResult, ResultFile } from '../schema.js';
import type { CompareSide } from './types.js';

/** A side from result files already in memory (`sources[i]` names `results[i]` when the lengths match). */
export function sideFromResults(results: ResultFile[], sources: string[]): CompareSide {
  const jobSources = new Map<JobResult, string>();
  if (sources.length === results.length) results.forEach((r, i) => r.jobs.forEach((j) => jobSources.set(j, sources[i]!)));
  return { sources, machines: results.map((r) => r.machine), jobs: results.flatMap((r) => r.jobs), jobSources };
}

/** Loads every result file under `inputs` (files or folders); `role` names the side in errors. */
export async function loadSide(inputs: string[], role: 'baseline' | 'candidate'): Promise<CompareSide> {
  const files = await listResultFiles(inputs);
  if (!files.length) throw new UsageError('E_RESULT_FILE', `${role} ${inputs.join(', ')}: no result files (*.json) found.`);
  const results = await Promise.all(files.map((f) => readResult(f)));
  return sideFromResults(results, files);
}
