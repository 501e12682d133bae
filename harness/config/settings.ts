/**
 * Every setting mlbench knows, with its default, parser and one line of help. Settings are a flat
 * record with dotted keys. Requested options (flags, `--set key=value`, workload overrides) are
 * resolved against this table: unknown keys and bad values are refused naming the key.
 * Names carry units (Ms, Ns, Us, Qps, Mb) as LoadGen's do.
 */
import { UsageError } from '../errors.js';

export interface SettingDef {
  default: unknown;
  help: string;
  /** Parses a `--set` string (or checks a programmatic value); throws a message on bad input. */
  parse(value: unknown): unknown;
}

function intIn(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: unknown): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`expected an integer in [${min}, ${max}], got "${String(v)}"`);
    return n;
  };
}

function numIn(min: number, max = Number.POSITIVE_INFINITY) {
  return (v: unknown): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (String(v).trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new Error(`expected a number in [${min}, ${max}], got "${String(v)}"`);
    return n;
  };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (v: unknown): T => {
    const s = String(v);
    if (!(values as readonly string[]).includes(s)) throw new Error(`expected one of ${values.join(', ')}, got "${s}"`);
    return s as T;
  };
}

function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw new Error(`expected true or false, got "${String(v)}"`);
}

/** The table of settings. Add a key here to make it settable with `--set` and recorded in results. */
export const SETTINGS: Record<string, SettingDef> = {
  // --- run and isolation ---
  timeoutMs: { default: 300_000, help: 'per-job timeout; SIGTERM, then SIGKILL 2 s later', parse: intIn(100) },
  memoryLimitMb: { default: 8192, help: 'V8 heap limit of each job process (--max-old-space-size)', parse: intIn(64) },
  repeat: { default: 1, help: 'times each job runs, each in a fresh process', parse: intIn(1, 1000) },

  // --- measurement (LoadGen names) ---
  warmupQueries: { default: 20, help: 'queries run and discarded before measuring', parse: intIn(0) },
  warmupMs: { default: 200, help: 'minimum warm-up time before measuring', parse: intIn(0) },
  minDurationMs: { default: 2_000, help: 'measure at least this long (LoadGen min_duration)', parse: intIn(0) },
  minQueryCount: { default: 200, help: 'measure at least this many queries (LoadGen min_query_count)', parse: intIn(1) },
  maxDurationMs: { default: 60_000, help: 'stop measuring after this long even if minimums are unmet', parse: intIn(1) },
  profileOps: { default: false, help: 'after measuring, profile a short pass and record the top ops by time (--profile-ops)', parse: bool },
  maxSamplesRetained: { default: 100_000, help: 'raw latency samples kept in the result; beyond it only the HDR histogram', parse: intIn(0) },
  seed: { default: 42, help: 'seed for inputs, arrivals and weights', parse: intIn(0, 2 ** 32 - 1) },

  // --- scenarios (LoadGen names; see harness/scenarios) ---
  targetQps: { default: 100, help: 'server: Poisson arrival rate, queries per second (LoadGen server_target_qps)', parse: numIn(0.001) },
  latencyBoundNs: { default: 10_000_000, help: 'server: the p99 latency bound for a VALID run, in ns (LoadGen server_target_latency_ns)', parse: intIn(1) },
  targetLatencyPercentile: { default: 0, help: 'percentile of the latency metric and early stopping; 0 = scenario default (single-stream 0.9, multi-stream and server 0.99)', parse: numIn(0, 0.9999) },
  samplesPerQuery: { default: 8, help: 'multi-stream: samples per query, issued together; the query takes its slowest sample', parse: intIn(1, 4096) },
  batchSize: { default: 32, help: 'offline and accuracy: samples per session run', parse: intIn(1, 1_000_000) },
  findPeak: { default: false, help: 'server: binary-search the highest targetQps that stays VALID', parse: bool },
  findPeakMaxSteps: { default: 10, help: 'server --find-peak: most server runs in the search', parse: intIn(2, 100) },
  findPeakTolerancePct: { default: 5, help: 'server --find-peak: stop when the valid/invalid bracket is this narrow, in percent', parse: numIn(0.1, 100) },
  accuracyTargetRatio: { default: 0.99, help: 'accuracy: the value must reach this ratio of the reference (MLPerf: 99 % of reference)', parse: numIn(0, 10) },

  // --- datasets ---
  cacheDir: { default: 'out/cache', help: 'folder of the dataset cache (decoded, split, encoded arrays)', parse: (v: unknown): string => { const s = String(v).trim(); if (!s) throw new Error('expected a folder path'); return s; } },

  // --- training (harness/train) ---
  targetAuc: { default: 0, help: 'training: test AUC to reach (time-to-quality); 0 = the workload\'s default target', parse: numIn(0, 1) },
  targetTop1: { default: 0, help: 'training: test top-1 accuracy to reach; 0 = the workload\'s default target', parse: numIn(0, 1) },
  'train.maxEpochs': { default: 0, help: 'training: most epochs per job; 0 = the workload\'s default', parse: intIn(0, 10_000) },
  'train.stopAtTarget': { default: true, help: 'training: stop at the first epoch that reaches the target (MLPerf); false = run every epoch', parse: bool },
  'train.serve': { default: true, help: 'training: score the exported model on ort-node:cpu, ort-web:wasm and the tfjs backends', parse: bool },
  'train.modelsDir': { default: 'out/models', help: 'training: folder of the exported trained models (<hash>.json)', parse: (v: unknown): string => { const s = String(v).trim(); if (!s) throw new Error('expected a folder path'); return s; } },

  // --- null runtime ---
  'null.latencyUs': { default: 20, help: 'busy-wait per query of the null runtime, in microseconds', parse: numIn(0) },
  'null.jitterPct': { default: 0, help: 'uniform jitter of null.latencyUs, in percent (seeded)', parse: numIn(0, 100) },
  'null.fail': { default: 'none', help: 'fault to inject in the null runtime', parse: oneOf(['none', 'crash', 'hang', 'throw', 'oom'] as const) },

  // --- onnxruntime (node and web) ---
  'ort.intraOpThreads': { default: 0, help: 'onnxruntime-node intra-op threads (0 = onnxruntime decides)', parse: intIn(0, 1024) },
  'ort.interOpThreads': { default: 0, help: 'onnxruntime-node inter-op threads (0 = onnxruntime decides)', parse: intIn(0, 1024) },
  'ort.graphOptimizationLevel': { default: 'all', help: 'onnxruntime graph optimisation level', parse: oneOf(['disabled', 'basic', 'extended', 'all'] as const) },
  'ort.executionMode': { default: 'sequential', help: 'onnxruntime execution mode', parse: oneOf(['sequential', 'parallel'] as const) },
  'ortWeb.threads': { default: 0, help: 'onnxruntime-web wasm threads, fixed by the first session of a process (0 = onnxruntime-web decides)', parse: intIn(0, 64) },
};

export function settingKeys(): string[] {
  return Object.keys(SETTINGS).sort();
}

/** Defaults of every known setting. */
export function defaultSettings(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(SETTINGS).map(([k, def]) => [k, def.default]));
}

/** Parses one setting value; `source` names where it came from (`--set`, a flag, a workload). */
export function parseSetting(key: string, value: unknown, source: string): unknown {
  const def = SETTINGS[key];
  if (!def) {
    throw new UsageError('E_UNKNOWN_SETTING', `${source}: unknown setting "${key}". Known settings: ${settingKeys().join(', ')}.`);
  }
  try {
    return def.parse(value);
  } catch (err) {
    throw new UsageError('E_BAD_SETTING', `${source}: bad value for ${key}: ${(err as Error).message}.`);
  }
}

/** Parses `key=value` from `--set`. */
export function parseSetPair(pair: string): [string, unknown] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UsageError('E_BAD_FLAG', `--set ${pair}: expected key=value, e.g. --set minDurationMs=5000.`);
  const key = pair.slice(0, eq).trim();
  return [key, parseSetting(key, pair.slice(eq + 1), `--set ${pair}`)];
}
