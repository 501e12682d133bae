/**
 * `mlbench run`: resolve settings, plan jobs, run each in its own process, write one result file
 * atomically, print the summary table. A job's failure is data; the exit code is 1 only when
 * --fail-on-error is given and a job failed.
 */
import { Command } from 'commander';
import type { CompareFlags } from '../../results/compare/types.js';
import { collect } from './options.js';
import { sharedOptions, type MeasureFlags } from './shared-flags.js';

export interface RunFlags extends CompareFlags, MeasureFlags {
  /** A stored result file to compare this run with (a hint; see run-baseline.ts). */
  baseline?: string;
  /** Runs per side when a job is re-measured against the baseline, interleaved. */
  confirm?: string;
  suite?: string[];
  profile?: string;
  bail?: boolean;
  shard?: string;
  dataset?: string;
  target?: string;
  delimiter?: string;
  na?: string;
  missing?: string;
  resume?: string;
  repeat?: string;
  /** A results folder whose earlier runs of this machine supply missing matmul peaks (roofline). */
  peaksFrom?: string;
  batchSize?: string;
  targetAuc?: string;
  profileOps?: boolean;
  sweep?: string;
}

/** The run command's options and help, shared by `register` and `parseRunArgs`. */
function defineRun(command: Command): Command {
  command
    .description('run benchmark jobs (suites x runtimes x scenarios), each in its own process, and write a result file')
    .option(
      '-s, --suite <ids>',
      'suites to run, comma-separated or repeated: built-in ids, ./my-suite.js (an ES module exporting a Suite) or ./mlbench.config.yaml|json (default: the default suites)',
      collect,
    )
    .option(
      '-r, --runtime <ids>',
      'runtimes to run on, e.g. null,ort-node:cpu (default: every runtime a workload supports)',
      collect,
    )
    .option('--scenario <ids>', 'scenarios: single-stream, multi-stream, server, offline, accuracy', collect)
    .option('-p, --profile <name>', 'size of the suites: quick, standard or full', 'quick')
    .option(
      '--sweep <axis=values>',
      'the same models at several sizes on CPU and GPU runtimes, e.g. batch=1,2,4,8,16 (offline batch size; seq: see mlbench model --seq); the report shows where the GPU overtakes the CPU',
    )
    .option(
      '--shard <i/n|auto>',
      'run only the i-th of n shares of the jobs, balanced by expected cost; auto: from JOB_COMPLETION_INDEX + JOB_COMPLETIONS (Kubernetes Indexed Job) or CI_NODE_INDEX + CI_NODE_TOTAL',
    )
    .option(
      '--dataset <id>',
      'tabular suite: train on csv:<file>, parquet:<file> or synthetic-tabular instead of flights',
    )
    .option('--target <column>', 'label column of a csv:/parquet: dataset')
    .option(
      '--resume <file>',
      'finish an interrupted run from its result (or .partial) file alone: same suites, runtimes and settings; runs only the jobs it lacks',
    )
    .option('--bail', 'stop at the first failed job (the rest are recorded as skipped)')
    .option(
      '-v, --verbose',
      'print every job as it ends, its LoadGen-style summary, op profile and the roofline tables',
    )
    .option('--no-report', 'do not write the HTML/Markdown report')
    .option('--report-dir <dir>', 'where the report goes', 'out/report')
    .option(
      '--peaks-from <dir>',
      'roofline: take matmul peaks this run lacks from earlier runs of this machine in <dir> (default: this run only)',
    )
    .option(
      '--baseline <file>',
      'compare this run to a stored baseline: a hint; only jobs re-measured on both sides can fail (see mlbench ab)',
    )
    .option(
      '--confirm <n>',
      'runs per side when a job differing only in runtime settings is re-measured, interleaved (0: none)',
      '8',
    );
  for (const option of sharedOptions('run')) command.addOption(option);
  return command.addHelpText(
    'after',
    `
Examples:
  $ mlbench run                                          default suites, quick profile
  $ mlbench run --suite smoke --results-dir /tmp/r       one suite, results under /tmp/r/<machine-id>/
  $ mlbench run --suite smoke --runtime null --set null.latencyUs=50
  $ mlbench run --suite smoke --runtime null --set null.fail=hang --timeout 5s
  $ mlbench run --suite zoo --runtime ort-node:cpu --scenario server --find-peak
  $ mlbench run --suite smoke --runtime null --min-duration 1s --set latencyBoundNs=10ms   durations take units
  $ mlbench run --suite tabular --target-auc 0.64 --repeat 5   time to quality; the table shows olympic means
  $ mlbench run --profile standard --repeat 3 --fail-on-error
  $ mlbench run --shard 2/4                              one of 4 machines (then: mlbench merge)
  $ JOB_COMPLETION_INDEX=1 JOB_COMPLETIONS=4 mlbench run --shard auto   as a Kubernetes Indexed Job pod
  $ mlbench run --suite smoke --baseline base.json   compare with a stored run: a hint (the CI gate is mlbench ab)
  $ mlbench run --suite ./examples/my-suite.js            a user suite (ES module exporting a Suite)
  $ mlbench run --suite ./examples/mlbench.config.yaml    a declarative suite: models, datasets, runtimes, settings
  $ mlbench run --suite tabular --dataset csv:data.csv --target y --delimiter ';' --missing impute
  $ mlbench run --suite zoo --runtime ort-node:cpu,tfjs:wasm --profile-ops -v   where the time goes, per op
  $ mlbench run --suite zoo --runtime ort-node:cpu,tfjs:webgpu --sweep batch=1,4,16,64   where the GPU overtakes the CPU
  $ mlbench run --resume out/results/<machine-id>/<run-id>.json.partial   finish an interrupted run`,
  );
}

export function register(program: Command): void {
  defineRun(program.command('run')).action(async (flags: RunFlags, command: Command) => {
    const { executeRun } = await import('./run-action.js');
    // The flags typed on this command line (not defaults): --resume refuses the ones the file decides.
    const given = new Set(
      command.options.map((o) => o.attributeName()).filter((k) => command.getOptionValueSource(k) === 'cli'),
    );
    process.exitCode = await executeRun(
      flags,
      (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? ['run', ...command.args],
      given,
    );
  });
}

/**
 * Parses the arguments of a recorded `mlbench run` command line (after `run`), as --resume
 * replays it. Throws commander's error on arguments this version does not know.
 */
export function parseRunArgs(args: string[]): RunFlags {
  const command = defineRun(new Command('run'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  command.parse(args, { from: 'user' });
  return command.opts<RunFlags>();
}
