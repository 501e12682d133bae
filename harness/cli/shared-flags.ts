/**
 * The one table of flags that several commands share, and of every flag that sets a setting.
 * `run`, `model`, `ab` and `compare` take their copies from here (`sharedOptions(command)` builds
 * fresh commander `Option`s), so a shared flag has one spelling, one help text and one default.
 * The setting-backed rows also give the mapping flag -> setting key that `config/resolve.ts`
 * reads (`settingFlags`), so a flag like `--min-duration` is written once.
 * Kept light: imported at start-up by --help.
 */
import { Option } from 'commander';
import { collect } from './options.js';

/** The commands whose flags come (partly) from this table. */
export type SharedFlagCommand = 'run' | 'model' | 'ab' | 'compare';

/** One flag, declared once. */
export interface SharedFlag {
  /** commander's flag syntax, e.g. `--min-duration <duration>`. */
  flags: string;
  description: string;
  /** commander default value (shown in --help). */
  defaultValue?: string;
  /** Repeatable: every value is kept, in order (`--set a=1 --set b=2`). */
  repeatable?: boolean;
  /** The setting the flag sets (key of `harness/config/settings.ts`); resolved with the others. */
  setting?: string;
  /** The --help heading the flag is listed under. */
  group: string;
  /** The commands that accept the flag. */
  commands: readonly SharedFlagCommand[];
}

const MEASURE = 'Measurement (settings; any other with --set):';
const OUTPUT = 'Output:';
const COMPARE = 'Comparison:';
const RUN_MODEL = ['run', 'model'] as const;
const JUDGING = ['run', 'ab', 'compare'] as const;

export const SHARED_FLAGS: readonly SharedFlag[] = [
  {
    flags: '--results-dir <dir>',
    description: 'where result files go: <dir>/<machine-id>/<run-id>.json',
    defaultValue: 'out/results',
    group: OUTPUT,
    commands: RUN_MODEL,
  },
  {
    flags: '--timeout <duration>',
    description: 'per-job timeout, e.g. 30s or 5m; a bare number is ms (SIGTERM, then SIGKILL)',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--set <key=value>',
    description: 'override any setting (repeatable); `mlbench list --settings` lists them',
    repeatable: true,
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--min-duration <duration>',
    description: 'measure at least this long, e.g. 2s or 500ms; a bare number is ms (minDurationMs)',
    setting: 'minDurationMs',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--min-queries <n>',
    description: 'measure at least this many queries (minQueryCount)',
    setting: 'minQueryCount',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--target-qps <qps>',
    description: 'server scenario: Poisson arrival rate (targetQps)',
    setting: 'targetQps',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--latency-bound <duration>',
    description: 'server scenario: p99 latency bound, e.g. 10ms or 500us; a bare number is ns (latencyBoundNs)',
    setting: 'latencyBoundNs',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--find-peak',
    description: 'server scenario: binary-search the highest targetQps that stays VALID',
    setting: 'findPeak',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--parity-tolerance <rtol>',
    description:
      "parity: relative tolerance (atol = rtol x the output RMS); default by the model's precision (parityTolerance)",
    setting: 'parityTolerance',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--loadgen-strict',
    description:
      "use LoadGen's own minimums (600 s; 1024 single-stream / 270,336 server queries...) so VALID is LoadGen's VALID (loadgenStrict)",
    setting: 'loadgenStrict',
    group: MEASURE,
    commands: RUN_MODEL,
  },
  {
    flags: '--repeat <n>',
    description: 'run each job n times, each in a fresh process',
    setting: 'repeat',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--batch-size <n>',
    description: 'offline scenario: samples per batch (batchSize)',
    setting: 'batchSize',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--target-auc <auc>',
    description: 'training: test AUC to reach; time-to-target is recorded, or the job fails (targetAuc)',
    setting: 'targetAuc',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--delimiter <char>',
    description: 'CSV field separator (csv.delimiter; default: detected from the first lines among , ; TAB |)',
    setting: 'csv.delimiter',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--na <tokens>',
    description:
      'CSV/Parquet cells read as missing, comma-separated (csv.na; default NA; an empty cell is always missing)',
    setting: 'csv.na',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--missing <rule>',
    description:
      'missing values in numeric columns: refuse (error naming file and line) or impute (training-rows mean plus a <column>_missing indicator) (csv.missing)',
    setting: 'csv.missing',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--profile-ops',
    description:
      'after measuring, profile one short pass per job and record the top ops by time (ORT profiler, tf.profile)',
    setting: 'profileOps',
    group: MEASURE,
    commands: ['run'],
  },
  {
    flags: '--fail-on-error',
    description: 'exit 1 when any job failed, crashed, timed out or ran out of memory',
    group: OUTPUT,
    commands: RUN_MODEL,
  },
  {
    flags: '-f, --format <format>',
    description: 'output format: terminal, md (GitHub Markdown) or json',
    defaultValue: 'terminal',
    group: OUTPUT,
    commands: ['ab', 'compare'],
  },
  {
    flags: '-o, --output <file>',
    description: 'also write the output to this file',
    group: OUTPUT,
    commands: ['ab', 'compare'],
  },
  {
    flags: '--alpha <p>',
    description: 'family-wise significance level of the whole comparison (Holm)',
    defaultValue: '0.05',
    group: COMPARE,
    commands: JUDGING,
  },
  {
    flags: '--threshold <pct>',
    description: 'smallest change, in percent, that can be a regression',
    defaultValue: '2',
    group: COMPARE,
    commands: JUDGING,
  },
  {
    flags: '--threshold-for <metric=pct>',
    description: 'per-metric threshold (repeatable), e.g. memory=15, latency.p99=10',
    repeatable: true,
    group: COMPARE,
    commands: JUDGING,
  },
  {
    flags: '--accuracy-tolerance <abs>',
    description: 'largest absolute accuracy drop that is not a regression',
    defaultValue: '0.01',
    group: COMPARE,
    commands: JUDGING,
  },
  {
    flags: '--judge-tails',
    description:
      'let latency p90/p99 be regressions too (significant shift and the whole CI beyond the threshold; they join the Holm family)',
    group: COMPARE,
    commands: JUDGING,
  },
  // ab measures both sides on this machine and judges settings (the difference is the point).
  {
    flags: '--allow-different-machine',
    description: 'compare results from different machine fingerprints',
    group: COMPARE,
    commands: ['run', 'compare'],
  },
  {
    flags: '--ignore-setting <key>',
    description: 'leave a setting (or prefix.*) out of the like-with-like check (repeatable)',
    repeatable: true,
    group: COMPARE,
    commands: ['run', 'compare'],
  },
];

/** The parsed flags `run` and `model` share (commander's attribute names of the rows above, and the few both declare themselves). */
export interface MeasureFlags {
  runtime?: string[];
  scenario?: string[];
  resultsDir?: string;
  timeout?: string;
  set?: string[];
  minDuration?: string;
  minQueries?: string;
  targetQps?: string;
  latencyBound?: string;
  findPeak?: boolean;
  loadgenStrict?: boolean;
  parityTolerance?: string;
  failOnError?: boolean;
  verbose?: boolean;
  report?: boolean;
  reportDir?: string;
}

/** Fresh commander options for one command's rows of the table, in table order. */
export function sharedOptions(command: SharedFlagCommand): Option[] {
  return SHARED_FLAGS.filter((f) => f.commands.includes(command)).map((f) => {
    const option = new Option(f.flags, f.description).helpGroup(f.group);
    if (f.repeatable) option.argParser(collect);
    if (f.defaultValue !== undefined) option.default(f.defaultValue);
    return option;
  });
}

/**
 * The setting-backed flags a command was given, keyed by setting (`{ minDurationMs: '1s' }`), and
 * the flag of each setting for error messages (`{ minDurationMs: '--min-duration' }`): the
 * `flags` and `flagNames` of `RequestedOptions`. `parsed` is commander's `opts()`.
 */
export function settingFlags(
  command: SharedFlagCommand,
  parsed: object,
): { flags: Record<string, unknown>; flagNames: Record<string, string> } {
  const flags: Record<string, unknown> = {};
  const flagNames: Record<string, string> = {};
  for (const f of SHARED_FLAGS) {
    if (f.setting === undefined || !f.commands.includes(command)) continue;
    const option = new Option(f.flags);
    flagNames[f.setting] = option.long!;
    flags[f.setting] = (parsed as Record<string, unknown>)[option.attributeName()];
  }
  return { flags, flagNames };
}
