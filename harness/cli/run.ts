/**
 * `mlbench run`: resolve settings, plan jobs, run each in its own process, write one result file
 * atomically, print the summary table. A job's failure is data; the exit code is 1 only when
 * --fail-on-error is given and a job failed.
 */
import type { Command } from 'commander';
import { addGateOptions, type GateFlags } from './gate-options.js';
import { collect } from './options.js';

export interface RunFlags extends GateFlags {
  suite?: string[];
  runtime?: string[];
  scenario?: string[];
  profile?: string;
  resultsDir?: string;
  timeout?: string;
  set?: string[];
  bail?: boolean;
  failOnError?: boolean;
  shard?: string;
  dataset?: string;
  target?: string;
  resume?: string;
  repeat?: string;
  verbose?: boolean;
  report?: boolean;
  reportDir?: string;
  minDuration?: string;
  minQueries?: string;
  targetQps?: string;
  latencyBound?: string;
  findPeak?: boolean;
  batchSize?: string;
  targetAuc?: string;
}

export function register(program: Command): void {
  addGateOptions(program.command('run'))
    .description('run benchmark jobs (suites x runtimes x scenarios), each in its own process, and write a result file')
    .option('-s, --suite <ids>', 'suites to run, comma-separated or repeated (default: the default suites)', collect)
    .option('-r, --runtime <ids>', 'runtimes to run on, e.g. null,ort-node:cpu (default: every runtime a workload supports)', collect)
    .option('--scenario <ids>', 'scenarios: single-stream, multi-stream, server, offline, accuracy', collect)
    .option('-p, --profile <name>', 'size of the suites: quick, standard or full', 'quick')
    .option('--results-dir <dir>', 'where result files go: <dir>/<machine-id>/<run-id>.json', 'out/results')
    .option('--timeout <duration>', 'per-job timeout, e.g. 30s or 5m; a bare number is ms (SIGTERM, then SIGKILL)')
    .option('--set <key=value>', 'override any setting (repeatable); `mlbench list --settings` lists them', collect)
    .option('--repeat <n>', 'run each job n times, each in a fresh process')
    .option('--min-duration <duration>', 'measure at least this long, e.g. 2s or 500ms; a bare number is ms (minDurationMs)')
    .option('--min-queries <n>', 'measure at least this many queries (minQueryCount)')
    .option('--target-qps <qps>', 'server scenario: Poisson arrival rate (targetQps)')
    .option('--latency-bound <duration>', 'server scenario: p99 latency bound, e.g. 10ms or 500us; a bare number is ns (latencyBoundNs)')
    .option('--find-peak', 'server scenario: binary-search the highest targetQps that stays VALID')
    .option('--batch-size <n>', 'offline scenario: samples per batch (batchSize)')
    .option('--target-auc <auc>', 'training: test AUC to reach; time-to-target is recorded, or the job fails (targetAuc)')
    .option('--shard <i/n>', 'run only the i-th of n interleaved shares of the jobs')
    .option('--dataset <id>', 'tabular suite: train on csv:<file>, parquet:<file> or synthetic-tabular instead of flights')
    .option('--target <column>', 'label column of a csv:/parquet: dataset')
    .option('--resume <file>', 'finish an interrupted run: keep the jobs its result (or .partial) file has, run the rest')
    .option('--bail', 'stop at the first failed job (the rest are recorded as skipped)')
    .option('--fail-on-error', 'exit 1 when any job failed, crashed, timed out or ran out of memory')
    .option('-v, --verbose', 'print each job\'s LoadGen-style summary')
    .option('--no-report', 'do not write the HTML/Markdown report')
    .option('--report-dir <dir>', 'where the report goes', 'out/report')
    .addHelpText('after', `
Examples:
  $ mlbench run                                          default suites, quick profile
  $ mlbench run --suite smoke --results-dir /tmp/r       one suite, results under /tmp/r/<machine-id>/
  $ mlbench run --suite smoke --runtime null --set null.latencyUs=50
  $ mlbench run --suite smoke --runtime null --set null.fail=hang --timeout 5s
  $ mlbench run --suite zoo --runtime ort-node:cpu --scenario server --find-peak
  $ mlbench run --suite smoke --runtime null --min-duration 1s --set latencyBoundNs=10ms   durations take units
  $ mlbench run --suite tabular --target-auc 0.64 --repeat 5   time to quality; the table shows olympic means
  $ mlbench run --profile standard --repeat 3 --fail-on-error
  $ mlbench run --suite smoke --baseline base.json --confirm 3   CI gate: exit 1 on a confirmed regression`)
    .action(async (flags: RunFlags, command: Command) => {
      const { executeRun } = await import('./run-action.js');
      process.exitCode = await executeRun(flags, ['run', ...command.args].join(' '));
    });
}
