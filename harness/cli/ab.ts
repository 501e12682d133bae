/**
 * `mlbench ab --a <side> --b <side> -- <mlbench arguments>`: measure A and B alternately, each run
 * a fresh mlbench process, n runs per side (ABBA or a seeded random order), then compare them
 * across runs. The CI gate: exit 1 on a regression, 0 otherwise (inconclusive included), 2 on
 * bad input.
 */
import type { Command } from 'commander';
import type { CompareFlags } from '../../results/compare/types.js';
import { sharedOptions } from './shared-flags.js';

export interface AbFlags extends CompareFlags {
  a?: string;
  b?: string;
  repeat?: string;
  order?: string;
  cpuAffinity?: string;
  resultsDir?: string;
  format?: string;
  output?: string;
  probe?: boolean;
}

export function register(program: Command): void {
  const command = program.command('ab');
  for (const option of sharedOptions('ab')) command.addOption(option);
  command
    .description(
      'A/B: run two sides alternately in fresh processes (n runs each), compare across runs; exit 1 on a regression',
    )
    .argument(
      '[mlbench-args...]',
      'the mlbench arguments both sides share, after --, e.g. -- run --suite zoo --scenario single-stream',
    )
    .requiredOption(
      '--a <side>',
      'the baseline side (A): key=value[,key=value] (--set values), a .onnx file, a result .json (its plan re-run), a checkout folder, or cmd:<shell command>',
    )
    .requiredOption('--b <side>', 'the candidate side (B), in the same forms as --a')
    .option('-n, --repeat <n>', 'runs per side (the permutation test needs >= 5; 8 reaches p = 1.6e-4)', '8')
    .option(
      '--order <order>',
      'random (default: a seeded shuffle, exact for the test), blocked (each pair AB or BA at random) or abba (fixed, not randomised)',
      'random',
    )
    .option('--cpu-affinity <cpus>', 'run every side under taskset -c <cpus> (e.g. 1, or 0-1), away from other load')
    .option('--results-dir <dir>', "where the runs' result files and ab.json go: <dir>/<ab-id>/", 'out/ab')
    .option('--no-probe', 'skip the noise probe (load, CPU steal, calibration loop) before measuring')
    .option('--seed <n>', 'seed of the random order (default: a fresh one, printed and recorded in ab.json)')
    .addHelpText(
      'after',
      `
A side is one of:
  key=value[,key=value]   the shared arguments with --set key=value (e.g. ort.intraOpThreads=1)
  <file>.onnx             mlbench model <file> with the shared arguments (a model change)
  <result>.json           the plan recorded in a result file (suites, runtimes, scenarios,
                          profile, settings), re-run with this checkout
  <folder>                a checkout of mlbench (node <folder>/bin/mlbench.js), e.g. the PR's base
  cmd:<shell command>     any command that takes --results-dir and writes an mlbench result file

Each run gets --results-dir <dir>/<ab-id>/<side>-<k> (and --no-report for run). The noise probe
(load average, CPU steal, a calibration loop) is recorded in <dir>/<ab-id>/ab.json with the order,
every run's result file and the comparison. A run that writes no result file counts as a broken
run of every job; a job the baseline ran and the candidate did not fails the gate (exit 1).
A verdict needs >= 4 runs per side; "inconclusive: CI [...] straddles ±2% (spread x% at n=k;
MDE y%; n≈m per side ...)" says how many runs the noise asks for.

Examples:
  $ mlbench ab --a ort.intraOpThreads=0 --b ort.intraOpThreads=1 -- run --suite zoo --runtime ort-node:cpu --scenario single-stream
  $ mlbench ab --a base.onnx --b pr.onnx -- model --runtime ort-node:cpu --set ort.intraOpThreads=1
  $ mlbench ab --a ../base --b . -n 8 --cpu-affinity 1 -- run --suite zoo --scenario single-stream --set ort.intraOpThreads=1
  $ mlbench ab --a main.json --b pr.json --order blocked --seed 7
  $ mlbench ab --a "cmd:node ../base/bin/mlbench.js run --suite smoke" --b "cmd:node bin/mlbench.js run --suite smoke" --format md -o summary.md`,
    )
    .action(async (shared: string[], flags: AbFlags) => {
      const { executeAb } = await import('./ab-action.js');
      process.exitCode = await executeAb(shared, flags);
    });
}
