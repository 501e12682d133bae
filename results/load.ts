/**
 * Reads result files, the one loader of `mlbench report` and `mlbench compare`: files and folders
 * (recursively, *.json), each validated by results/store.ts, each file read once however often
 * the inputs name it (a folder and a file inside it, `./a.json` and `a.json`). For a report a bad
 * file (truncated, not a result, a future schema) is named in a warning and skipped, so one broken
 * file never costs the whole report; compare asks for `badFile: 'throw'`, because a silently
 * missing baseline file would change the verdicts.
 */
import path from 'node:path';
import { errorMessage, UsageError } from '../harness/errors.js';
import type { ResultFile } from './schema.js';
import { listResultFiles, readResult } from './store.js';

export interface LoadedResults {
  results: Array<{ file: string; result: ResultFile }>;
  /** One line per skipped file, naming it and saying why. */
  warnings: string[];
}

export interface LoadResultsOptions {
  /** `skip` (default): a bad file is a warning; `throw`: it is the error. */
  badFile?: 'skip' | 'throw';
  /** Names the inputs in errors (`baseline`, `candidate`). */
  role?: string;
}

/**
 * Loads every result file under `inputs`. Throws UsageError E_RESULT_FILE when an input path does
 * not exist or when no valid result file is left.
 */
export async function loadResults(inputs: string[], options: LoadResultsOptions = {}): Promise<LoadedResults> {
  if (!inputs.length)
    throw new UsageError(
      'E_USAGE',
      `${options.role ?? 'mlbench report'}: give at least one result file or folder (e.g. out/results).`,
    );
  const files = await listResultFiles(inputs);
  const results: LoadedResults['results'] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const key = path.resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.badFile === 'throw') {
      results.push({ file, result: await readResult(file) });
      continue;
    }
    try {
      results.push({ file, result: await readResult(file) });
    } catch (err) {
      warnings.push(`skipped ${file}: ${errorMessage(err).replace(`${file}: `, '')}`);
    }
  }
  if (!results.length) {
    throw new UsageError(
      'E_RESULT_FILE',
      options.role && !files.length
        ? `${options.role} ${inputs.join(', ')}: no result files (*.json) found.`
        : `no valid result file in ${inputs.join(', ')} (${files.length} .json file(s) found, all skipped).${warnings.length ? `\n  ${warnings.join('\n  ')}` : ''}`,
    );
  }
  return { results, warnings };
}
