/**
 * Reads result files for a report: files and folders (recursively, *.json), each validated by
 * results/store.ts. A bad file (truncated, not a result, a future schema) is named in a warning
 * and skipped, so one broken file never costs the whole report.
 */
import { errorMessage, UsageError } from '../harness/errors.js';
import type { ResultFile } from '../results/schema.js';
import { listResultFiles, readResult } from '../results/store.js';

export interface LoadedResults {
  results: Array<{ file: string; result: ResultFile }>;
  /** One line per skipped file, naming it and saying why. */
  warnings: string[];
}

/**
 * Loads every result file under `inputs`. Throws UsageError E_RESULT_FILE when an input path does
 * not exist or when no valid result file is left.
 */
export async function loadResults(inputs: string[]): Promise<LoadedResults> {
  if (!inputs.length) throw new UsageError('E_USAGE', 'mlbench report: give at least one result file or folder (e.g. out/results).');
  const files = await listResultFiles(inputs);
  const results: LoadedResults['results'] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file)) continue;
    seen.add(file);
    try {
      results.push({ file, result: await readResult(file) });
    } catch (err) {
      warnings.push(`skipped ${file}: ${errorMessage(err).replace(`${file}: `, '')}`);
    }
  }
  if (!results.length) {
    throw new UsageError('E_RESULT_FILE',
      `no valid result file in ${inputs.join(', ')} (${files.length} .json file(s) found, all skipped).${warnings.length ? `\n  ${warnings.join('\n  ')}` : ''}`);
  }
  return { results, warnings };
}
