/**
 * `mlbench compare <baseline> <candidate>`: compares two result files (or folders of them) and
 * exits 1 on a regression, 2 on bad input (missing file, different machines).
 */
import type { Command } from 'commander';
import type { CompareFlags } from '../../results/compare/types.js';
import { sharedOptions } from './shared-flags.js';

export interface CompareCommandFlags extends CompareFlags {
  format?: string;
  output?: string;
}

export function register(program: Command): void {
  const command = program.command('compare');
  for (const option of sharedOptions('compare')) command.addOption(option);
  command
    .description(
      'compare a candidate against a baseline across runs: Hodges-Lehmann shift with its rank CI, Mann-Whitney test, Holm-corrected; exit 1 on a regression',
    )
    .argument('<baseline>', 'baseline result file, or a folder of result files')
    .argument('<candidate>', 'candidate result file, or a folder of result files')
    .addHelpText(
      'after',
      `
The unit is the run: each run (result file, or repeat) gives one value per metric, and the
sides are compared across runs. One run per side is reported with its ratio, not testable.
Results measured at different times are not interleaved: prefer \`mlbench ab\` for a verdict.

Verdicts: regression (+: Holm-significant and the CI wholly beyond the threshold), improvement (-),
unchanged (±x%: the whole CI inside ±threshold), inconclusive (~: the CI straddles the threshold,
with the runs needed; one run per side), not comparable (x: inputs, settings or model differ,
e.g. x: 1x3x48x192 → 8x3x48x192; not judged), missing (?: one side only, or did not run).

Exit codes: 0 no regression, 1 regression or a job the baseline ran missing on the candidate
side (FAILED line), 2 bad input (missing file, different machines).

Examples:
  $ mlbench compare out/results/main/ out/results/pr/       folders of runs (--repeat 8)
  $ mlbench compare main/ pr/ --format md -o summary.md
  $ mlbench compare base.json cand.json --threshold 3 --threshold-for memory=20
  $ mlbench compare laptop.json ci.json --allow-different-machine --format json`,
    )
    .action(async (baseline: string, candidate: string, flags: CompareCommandFlags) => {
      const { executeCompare } = await import('./compare-action.js');
      process.exitCode = await executeCompare(baseline, candidate, flags);
    });
}
