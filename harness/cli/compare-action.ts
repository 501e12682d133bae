/** The body of `mlbench compare` (imported only when the command runs). */
import { writeFile } from 'node:fs/promises';
import { unknownChoice } from '../errors.js';
import { compareSides, COMPARE_FORMATS, FORMATTERS, loadSide, resolveCompareOptions, type CompareFormat } from '../../results/compare/index.js';
import type { CompareCommandFlags } from './compare.js';

/** Runs the comparison, prints it, and returns the exit code (0, or 1 on a regression or a job missing on the candidate side). */
export async function executeCompare(baselineInput: string, candidateInput: string, flags: CompareCommandFlags): Promise<number> {
  const format = (flags.format ?? 'terminal') as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw unknownChoice('E_BAD_FLAG', '--format', format, COMPARE_FORMATS);
  const options = resolveCompareOptions(flags);
  const [baseline, candidate] = await Promise.all([loadSide([baselineInput], 'baseline'), loadSide([candidateInput], 'candidate')]);
  const comparison = compareSides(baseline, candidate, options);
  const text = FORMATTERS[format](comparison);
  process.stdout.write(text);
  if (flags.output) await writeFile(flags.output, text);
  return comparison.failed ? 1 : 0;
}
