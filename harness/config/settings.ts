/**
 * Every setting mlbench knows, as one zod schema per group: run and isolation, measurement,
 * scenarios, datasets, training, and the options of the null, onnxruntime and onnxruntime-web
 * runtimes. The schemas are the one place where a setting's default, unit and help are written;
 * `mlbench list --settings` is generated from them. Settings travel as one flat record with dotted
 * keys (`null.latencyUs`, `train.maxEpochs`): the form of `--set key=value`, of workload overrides
 * and of the `settings` in result files. Names carry units (Ms, Ns, Us, Qps, Mb) as LoadGen's do;
 * a duration setting also takes a unit in its value (`--set latencyBoundNs=10ms`).
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { durationExamples, parseDuration } from './duration.js';

/** The unit of a setting, as `mlbench list --settings` shows it; `-` for names, switches and choices. */
export type SettingUnit = 'ms' | 'ns' | 'µs' | 'qps' | 'MiB' | 'count' | 'tokens' | 'ratio' | 'percent' | '-';

/** What every setting documents besides its default (which is the schema's own `.default`). */
export interface SettingDoc {
  unit: SettingUnit;
  description: string;
}

/** The docs of every setting field, keyed by its schema. */
const DOCS = z.registry<SettingDoc>();

const range = (min: number, max: number) => (max >= Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`);

/** `--set` values arrive as text; an empty one is not a number (Number('') would be 0). */
const toNumber = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v)) : v);

function integer(unit: SettingUnit, min: number, max = Number.MAX_SAFE_INTEGER) {
  const error = `expected an integer ${range(min, max)}`;
  return {
    unit,
    schema: z.preprocess(toNumber, z.number({ error }).int({ error }).min(min, { error }).max(max, { error })),
  };
}

function decimal(unit: SettingUnit, min: number, max = Number.MAX_SAFE_INTEGER) {
  const error = `expected a number ${range(min, max)}`;
  return { unit, schema: z.preprocess(toNumber, z.number({ error }).min(min, { error }).max(max, { error })) };
}

/** A duration in `unit`: a number, or text with any unit (`1s`, `250ms`, `10us`); `whole` = an integer of `unit`. */
function duration(unit: 'ms' | 'ns' | 'µs', min: number, whole = true) {
  const error = `expected a duration${min > 0 ? ` of at least ${min} ${unit}` : ''}${whole ? ` (whole ${unit})` : ''}, ${durationExamples(unit)}`;
  const toUnit = (v: unknown) => {
    if (typeof v !== 'string') return v;
    try {
      return parseDuration(v, unit);
    } catch {
      return Number.NaN;
    }
  };
  const n = z.number({ error }).min(min, { error });
  return { unit, schema: z.preprocess(toUnit, whole ? n.int({ error }) : n) };
}

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return { unit: '-' as const, schema: z.enum(values, { error: `expected one of ${values.join(', ')}` }) };
}

function flag() {
  const error = 'expected true or false';
  const text = z.stringbool({
    truthy: ['true', '1', 'yes', 'on'],
    falsy: ['false', '0', 'no', 'off'],
    case: 'insensitive',
    error,
  });
  return { unit: '-' as const, schema: z.union([z.boolean(), text], { error }) };
}

function folder() {
  const error = 'expected a folder path';
  return { unit: '-' as const, schema: z.string({ error }).trim().min(1, { error }) };
}

/** One setting: its field (schema and unit), its default and one line of help. */
function setting<S extends z.ZodType>(
  field: { schema: S; unit: SettingUnit },
  defaultValue: z.output<S>,
  help: string,
): z.ZodDefault<S> {
  const withDefault = field.schema.default(defaultValue as z.core.util.NoUndefined<z.output<S>>);
  DOCS.add(withDefault as z.ZodType, { unit: field.unit, description: help });
  return withDefault;
}

/** Run and isolation (harness/isolate). */
export const RUN_SETTINGS = z.object({
  timeoutMs: setting(duration('ms', 100), 300_000, 'per-job timeout; SIGTERM, then SIGKILL 2 s later'),
  memoryLimitMb: setting(integer('MiB', 64), 8192, 'V8 heap limit of each job process (--max-old-space-size)'),
  repeat: setting(integer('count', 1, 1000), 1, 'times each job runs, each in a fresh process'),
});

/** Measurement (LoadGen names). */
export const MEASUREMENT_SETTINGS = z.object({
  warmupQueries: setting(integer('count', 0), 20, 'queries run and discarded before measuring'),
  warmupMs: setting(duration('ms', 0), 200, 'minimum warm-up time before measuring'),
  minDurationMs: setting(duration('ms', 0), 2_000, 'measure at least this long (LoadGen min_duration)'),
  minQueryCount: setting(integer('count', 1), 200, 'measure at least this many queries (LoadGen min_query_count)'),
  maxDurationMs: setting(duration('ms', 1), 60_000, 'stop measuring after this long even if minimums are unmet'),
  parityTolerance: setting(
    decimal('ratio', 0, 1),
    0,
    "parity rtol (atol = rtol x the output's RMS); 0 = by the model's precision: fp32 1e-4 x sqrt(K), fp16 1e-3 x sqrt(K), int8 2e-2 (--parity-tolerance)",
  ),
  loadgenStrict: setting(
    flag(),
    false,
    "use LoadGen's own minimums (600 s; 1024 single-stream, 662 multi-stream, 270,336 server queries, 24,576 offline samples) instead of the short defaults (--loadgen-strict)",
  ),
  profileOps: setting(
    flag(),
    false,
    'after measuring, profile a short pass and record the top ops by time (--profile-ops)',
  ),
  maxSamplesRetained: setting(
    integer('count', 0),
    100_000,
    'raw latency samples kept in the result; beyond it only the HDR histogram',
  ),
  seed: setting(integer('-', 0, 2 ** 32 - 1), 42, 'seed for inputs, arrivals and weights'),
});

/** Scenarios (LoadGen names; see harness/scenarios). */
export const SCENARIO_SETTINGS = z.object({
  targetQps: setting(decimal('qps', 0.001), 100, 'server: Poisson arrival rate (LoadGen server_target_qps)'),
  latencyBoundNs: setting(
    duration('ns', 1),
    10_000_000,
    'server: the p99 latency bound for a VALID run (LoadGen server_target_latency_ns)',
  ),
  targetLatencyPercentile: setting(
    decimal('ratio', 0, 0.9999),
    0,
    'percentile of the latency metric and early stopping; 0 = scenario default (single-stream 0.9, multi-stream and server 0.99)',
  ),
  samplesPerQuery: setting(
    integer('count', 1, 4096),
    8,
    'multi-stream: samples per query, issued together; the query takes its slowest sample',
  ),
  batchSize: setting(integer('count', 1, 1_000_000), 32, 'offline and accuracy: samples per session run'),
  findPeak: setting(flag(), false, 'server: binary-search the highest targetQps that stays VALID'),
  findPeakMaxSteps: setting(integer('count', 2, 100), 10, 'server --find-peak: most server runs in the search'),
  findPeakTolerancePct: setting(
    decimal('percent', 0.1, 100),
    5,
    'server --find-peak: stop when the valid/invalid bracket is this narrow',
  ),
  accuracyTargetRatio: setting(
    decimal('ratio', 0, 10),
    0.99,
    'accuracy: the value must reach this ratio of the reference (MLPerf: 99 % of reference)',
  ),
});

/**
 * Generation workloads (harness/generation): request lengths in tokens, and the server scenario's
 * TTFT/TPOT bounds. `gen.bounds` picks a bound set from LoadGen's mlperf.conf (llama2-70b):
 * `server` TTFT 2000 ms / TPOT 200 ms, `interactive` (llama2-70b-interactive) 450 ms / 40 ms;
 * gen.ttftBoundNs / gen.tpotBoundNs, when not 0, replace the set's value.
 */
export const GENERATION_SETTINGS = z.object({
  'gen.inputTokens': setting(
    integer('tokens', 1, 1_000_000),
    32,
    'generation: prompt length of a request (the smallest when gen.inputTokensMax is set)',
  ),
  'gen.inputTokensMax': setting(
    integer('tokens', 0, 1_000_000),
    0,
    'generation: 0 = every prompt has gen.inputTokens; else prompt lengths are drawn uniformly in [gen.inputTokens, this], seeded',
  ),
  'gen.outputTokens': setting(
    integer('tokens', 1, 1_000_000),
    32,
    'generation: tokens generated per request, greedy, never stopped early (the smallest when gen.outputTokensMax is set)',
  ),
  'gen.outputTokensMax': setting(
    integer('tokens', 0, 1_000_000),
    0,
    'generation: 0 = every request generates gen.outputTokens; else drawn uniformly in [gen.outputTokens, this], seeded',
  ),
  'gen.bounds': setting(
    choice(['server', 'interactive']),
    'server',
    'generation server: TTFT/TPOT bound set of mlperf.conf: server (llama2-70b: 2000 ms / 200 ms) or interactive (450 ms / 40 ms)',
  ),
  'gen.ttftBoundNs': setting(
    duration('ns', 0),
    0,
    'generation server: p99 time-to-first-token bound (LoadGen ttft_latency); 0 = from gen.bounds',
  ),
  'gen.tpotBoundNs': setting(
    duration('ns', 0),
    0,
    'generation server: p99 time-per-output-token bound (LoadGen tpot_latency); 0 = from gen.bounds',
  ),
  'gen.useCache': setting(
    flag(),
    true,
    'generation: decode with the KV cache; false recomputes the whole prefix at every token',
  ),
  'gen.vocabSize': setting(
    integer('count', 0),
    0,
    "generation: prompt token ids are drawn in [0, this), seeded; 0 = the logits' last dim",
  ),
  'gen.warmupRequests': setting(
    integer('count', 0, 1000),
    1,
    'generation: requests run and discarded before measuring',
  ),
});

/** Datasets (datasets/). */
export const DATASET_SETTINGS = z.object({
  cacheDir: setting(folder(), 'out/cache', 'folder of the dataset cache (decoded, split, encoded arrays)'),
});

/** User suites and user data (suites/user-suite.ts, datasets/user). */
export const USER_SETTINGS = z.object({
  'suite.loadTimeoutMs': setting(
    duration('ms', 1),
    10_000,
    'user suite files: most time their import and workloads() may take',
  ),
  'csv.delimiter': setting(
    {
      unit: '-',
      schema: z
        .string()
        .transform((s) => (s === '\\t' ? '\t' : s))
        .refine((s) => s === 'auto' || s.length === 1, { error: 'expected auto or one character, e.g. ; or \\t' }),
    },
    'auto',
    'CSV field separator: auto (detected from the first lines among , ; TAB |) or one character',
  ),
  'csv.na': setting(
    { unit: '-', schema: z.string() },
    'NA',
    'CSV/Parquet cells read as missing, comma-separated (an empty cell is always missing)',
  ),
  'csv.missing': setting(
    choice(['refuse', 'impute']),
    'refuse',
    'missing values in a numeric column: refuse (error naming file and line) or impute (training-rows mean plus a <column>_missing indicator)',
  ),
});

/** Training (harness/train). */
export const TRAINING_SETTINGS = z.object({
  targetAuc: setting(
    decimal('ratio', 0, 1),
    0,
    "training: test AUC to reach (time-to-quality); 0 = the workload's default target",
  ),
  targetTop1: setting(
    decimal('ratio', 0, 1),
    0,
    "training: test top-1 accuracy to reach; 0 = the workload's default target",
  ),
  'train.maxEpochs': setting(
    integer('count', 0, 10_000),
    0,
    "training: most epochs per job; 0 = the workload's default",
  ),
  'train.stopAtTarget': setting(
    flag(),
    true,
    'training: stop at the first epoch that reaches the target (MLPerf); false = run every epoch',
  ),
  'train.serve': setting(
    flag(),
    true,
    'training: score the exported model on ort-node:cpu, ort-web:wasm and the tfjs backends',
  ),
  'train.servePrecisions': setting(
    {
      unit: '-' as const,
      schema: z
        .string()
        .trim()
        .refine((s) => s === '' || s.split(',').every((p) => ['fp16', 'int8', 'int8w'].includes(p.trim())), {
          error: 'expected a comma-separated list of fp16, int8, int8w, e.g. fp16,int8',
        }),
    },
    '',
    'training: also score the exported model at these precisions (fp16, int8, int8w; comma-separated) on ort-node:cpu, beside fp32 on the same runtime; empty = none',
  ),
  'train.modelsDir': setting(folder(), 'out/models', 'training: folder of the exported trained models (<hash>.json)'),
  // Tabular training: early stopping on validation rows, and the Python peers' interpreter.
  'train.earlyStopping': setting(
    integer('count', 0, 1000),
    0,
    'tabular training: stop after this many epochs without a better validation AUC (validation rows carved from the training slice, never the test slice); 0 = train every epoch',
  ),
  'train.validationFraction': setting(
    decimal('ratio', 0.01, 0.5),
    0.1,
    'tabular training with train.earlyStopping: share of the training rows held out for validation (seeded)',
  ),
  'peers.python': setting(
    { unit: '-' as const, schema: z.string().trim() },
    '',
    "python interpreter of the .py peers (also MLBENCH_PYTHON); empty = the first of python3, /usr/bin/python3 that has the peer's libraries",
  ),
});

/** The null runtime (harness/runtimes/null.ts). */
export const NULL_SETTINGS = z.object({
  'null.latencyUs': setting(duration('µs', 0, false), 20, 'busy-wait per query of the null runtime'),
  'null.jitterPct': setting(decimal('percent', 0, 100), 0, 'uniform jitter of null.latencyUs (seeded)'),
  'null.fail': setting(
    choice(['none', 'crash', 'hang', 'throw', 'oom']),
    'none',
    'fault to inject in the null runtime',
  ),
});

/** onnxruntime, node and web (harness/runtimes/ort-node.ts, ort-web.ts). */
export const ORT_SETTINGS = z.object({
  'ort.intraOpThreads': setting(
    integer('count', 0, 1024),
    0,
    'onnxruntime-node intra-op threads (0 = onnxruntime decides)',
  ),
  'ort.interOpThreads': setting(
    integer('count', 0, 1024),
    0,
    'onnxruntime-node inter-op threads (0 = onnxruntime decides)',
  ),
  'ort.graphOptimizationLevel': setting(
    choice(['disabled', 'basic', 'extended', 'all']),
    'all',
    'onnxruntime graph optimisation level',
  ),
  'ort.executionMode': setting(choice(['sequential', 'parallel']), 'sequential', 'onnxruntime execution mode'),
});

/** onnxruntime-web (harness/runtimes/ort-web.ts). */
export const ORT_WEB_SETTINGS = z.object({
  'ortWeb.threads': setting(
    integer('count', 0, 64),
    0,
    'onnxruntime-web wasm threads, fixed by the first session of a process (0 = onnxruntime-web decides)',
  ),
});

/** GPU runtimes (ort-node:webgpu, tfjs:webgpu). */
export const GPU_SETTINGS = z.object({
  'gpu.outputs': setting(
    choice(['host', 'device']),
    'host',
    "GPU runtimes: where a query's outputs end: host (a query ends when its outputs are in host memory) or device (left on the GPU; a query ends when the GPU queue has completed; the first query still reads back, for parity)",
  ),
});

/** The browser host (harness/browser): chromium/<runtime>:<backend> jobs. */
export const BROWSER_SETTINGS = z.object({
  'browser.wasmThreads': setting(
    integer('count', 0, 256),
    0,
    'browser host: wasm threads of ort-web and tfjs inside the page (0 = navigator.hardwareConcurrency, all logical cores)',
  ),
});

/** The groups, in the order `mlbench list --settings` shows them. */
export const SETTINGS_GROUPS = {
  run: RUN_SETTINGS,
  measurement: MEASUREMENT_SETTINGS,
  scenario: SCENARIO_SETTINGS,
  generation: GENERATION_SETTINGS,
  datasets: DATASET_SETTINGS,
  user: USER_SETTINGS,
  training: TRAINING_SETTINGS,
  null: NULL_SETTINGS,
  ort: ORT_SETTINGS,
  ortWeb: ORT_WEB_SETTINGS,
  gpu: GPU_SETTINGS,
  browser: BROWSER_SETTINGS,
} as const;

/** All settings: the groups side by side in one flat object. */
export const SETTINGS_SCHEMA = z.object({
  ...RUN_SETTINGS.shape,
  ...MEASUREMENT_SETTINGS.shape,
  ...SCENARIO_SETTINGS.shape,
  ...GENERATION_SETTINGS.shape,
  ...DATASET_SETTINGS.shape,
  ...USER_SETTINGS.shape,
  ...TRAINING_SETTINGS.shape,
  ...NULL_SETTINGS.shape,
  ...ORT_SETTINGS.shape,
  ...ORT_WEB_SETTINGS.shape,
  ...GPU_SETTINGS.shape,
  ...BROWSER_SETTINGS.shape,
});

/** Resolved settings: every key, typed, defaults filled. What a run uses and writes into its results. */
export type ResolvedSettings = z.output<typeof SETTINGS_SCHEMA>;
export type SettingKey = keyof ResolvedSettings;
/** Settings as a caller may give them: any subset, typed; the schemas fill the rest. */
export type SettingsInput = Partial<ResolvedSettings>;

/** One setting as listed: its group, default, unit, help and schema. */
export interface SettingDef {
  group: keyof typeof SETTINGS_GROUPS;
  default: unknown;
  unit: SettingUnit;
  help: string;
  schema: z.ZodType;
}

/** Every setting by key, in group order, generated from the schemas. */
export const SETTINGS: Readonly<Record<string, SettingDef>> = Object.fromEntries(
  Object.entries(SETTINGS_GROUPS).flatMap(([group, schema]) =>
    Object.entries(schema.shape).map(([key, field]) => {
      const doc = DOCS.get(field)!;
      return [
        key,
        {
          group: group as SettingDef['group'],
          default: field.parse(undefined),
          unit: doc.unit,
          help: doc.description,
          schema: field,
        },
      ];
    }),
  ),
);

export function settingKeys(): string[] {
  return Object.keys(SETTINGS).sort();
}

/** Defaults of every setting. */
export function defaultSettings(): ResolvedSettings {
  return SETTINGS_SCHEMA.parse({});
}

/**
 * Parses one setting value (text from `--set` or a flag, or a typed value); `undefined` gives the
 * default. `source` names where it came from (`--set k=v`, `--min-duration 1s`, a workload).
 * Throws UsageError E_UNKNOWN_SETTING or E_BAD_SETTING naming the source, the key and the value.
 */
export function parseSetting<K extends SettingKey>(key: K, value: unknown, source: string): ResolvedSettings[K];
export function parseSetting(key: string, value: unknown, source: string): unknown;
export function parseSetting(key: string, value: unknown, source: string): unknown {
  const def = SETTINGS[key];
  if (!def) {
    throw new UsageError(
      'E_UNKNOWN_SETTING',
      `${source}: unknown setting "${key}". Known settings: ${settingKeys().join(', ')}.`,
    );
  }
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) throw badSetting(source, key, parsed.error, value);
  return parsed.data;
}

function badSetting(source: string, key: string, error: z.ZodError, value: unknown): UsageError {
  return new UsageError(
    'E_BAD_SETTING',
    `${source}: bad value for ${key}: ${error.issues[0]!.message}, got "${String(value)}".`,
  );
}

/**
 * Reads the settings of `schema` (a group, or the whole) from a settings record: validated, typed,
 * defaults filled, other keys left out. For records that arrive as data (a job, a caller's subset).
 */
export function readSettings<S extends z.ZodObject>(schema: S, input: object, source = 'settings'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const key = String(parsed.error.issues[0]!.path[0]);
  throw badSetting(source, key, parsed.error, (input as Record<string, unknown>)[key]);
}

/** Every setting from a (partial) settings record, defaults filled: `readSettings` of the whole. */
export function completeSettings(input: object, source = 'settings'): ResolvedSettings {
  return readSettings(SETTINGS_SCHEMA, input, source);
}

/** Parses `key=value` from `--set`; a duration key's value may carry a unit (`latencyBoundNs=10ms`). */
export function parseSetPair(pair: string): [string, unknown] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UsageError('E_BAD_FLAG', `--set ${pair}: expected key=value, e.g. --set minDurationMs=5s.`);
  const key = pair.slice(0, eq).trim();
  return [key, parseSetting(key, pair.slice(eq + 1), `--set ${pair}`)];
}
