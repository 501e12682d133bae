/** The body of `mlbench compare` (imported only when the command runs). */
import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { unknownChoice } from '../errors.js';
import {
  compareSides,
  COMPARE_FORMATS,
  FORMATTERS,
  loadSide,
  resolveCompareOptions,
  type CompareFormat,
} from '../../results/compare/index.js';
import type { CompareCommandFlags } from './compare.js';

/** Runs the comparison, prints it, and returns the exit code (0, or 1 on a regression or a job missing on the candidate side). */
export async function executeCompare(
  baselineInput: string,
  candidateInput: string,
  flags: CompareCommandFlags,
): Promise<number> {
  const format = (flags.format ?? 'terminal') as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw unknownChoice('E_BAD_FLAG', '--format', format, COMPARE_FORMATS);
  const options = resolveCompareOptions(flags);
  const [baseline, candidate] = await Promise.all([
    loadSide([baselineInput], 'baseline'),
    loadSide([candidateInput], 'candidate'),
  ]);
  const same = await sameInput(baselineInput, candidateInput);
  if (same)
    process.stderr.write(
      `warning: the baseline and the candidate are ${same}, so every job reads 'unchanged' by construction; compare two different runs (e.g. mlbench ab, or a stored baseline against a new run).\n`,
    );
  const comparison = compareSides(baseline, candidate, options);
  const text = FORMATTERS[format](comparison);
  process.stdout.write(text);
  if (flags.output) await writeFile(flags.output, text);
  return comparison.failed ? 1 : 0;
}

/** Why the two inputs are one measurement (`the same file a.json`, `identical files`), or null. */
async function sameInput(a: string, b: string): Promise<string | null> {
  const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
  if (ra === rb) return `the same ${(await stat(ra)).isDirectory() ? 'folder' : 'file'} (${a})`;
  const [sa, sb] = await Promise.all([stat(ra), stat(rb)]);
  if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return null;
  const [ca, cb] = await Promise.all([readFile(ra), readFile(rb)]);
  return ca.equals(cb) ? `identical files (${a}, ${b})` : null;
}
