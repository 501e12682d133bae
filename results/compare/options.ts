/**
 * Compare flags (strings from the command line) -> resolved CompareOptions. Every bad value is
 * refused naming the flag and what is expected.
 */
import { UsageError } from '../../harness/errors.js';
import { DEFAULT_COMPARE_OPTIONS, type CompareOptions } from './types.js';

/** The flags `mlbench compare` and `mlbench run --baseline` share. */
export interface CompareFlags {
  alpha?: string;
  threshold?: string;
  thresholdFor?: string[];
  accuracyTolerance?: string;
  allowDifferentMachine?: boolean;
  ignoreSetting?: string[];
  judgeTails?: boolean;
  seed?: string;
}

function numberFlag(flag: string, text: string, min: number, max: number, exclusive = false): number {
  const value = Number(text.trim().replace(/%$/, ''));
  const ok = text.trim() !== '' && Number.isFinite(value) && (exclusive ? value > min && value < max : value >= min && value <= max);
  if (!ok) throw new UsageError('E_BAD_FLAG', `${flag} ${text}: expected a number in ${exclusive ? '(' : '['}${min}, ${max}${exclusive ? ')' : ']'}.`);
  return value;
}

/** Parses `metric=pct` pairs of --threshold-for, e.g. `memory=15` or `latency.p99=10`. */
export function parseThresholdPairs(pairs: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('E_BAD_FLAG', `--threshold-for ${pair}: expected metric=percent, e.g. --threshold-for memory=15 or latency.p99=10.`);
    out[pair.slice(0, eq).trim()] = numberFlag(`--threshold-for ${pair.slice(0, eq).trim()}`, pair.slice(eq + 1), 0, 1000);
  }
  return out;
}

/** Resolves compare flags against the defaults. */
export function resolveCompareOptions(flags: CompareFlags): CompareOptions {
  return {
    ...DEFAULT_COMPARE_OPTIONS,
    alpha: flags.alpha !== undefined ? numberFlag('--alpha', flags.alpha, 0, 1, true) : DEFAULT_COMPARE_OPTIONS.alpha,
    thresholdPct: flags.threshold !== undefined ? numberFlag('--threshold', flags.threshold, 0, 1000) : DEFAULT_COMPARE_OPTIONS.thresholdPct,
    thresholdPctByMetric: { ...DEFAULT_COMPARE_OPTIONS.thresholdPctByMetric, ...parseThresholdPairs(flags.thresholdFor) },
    accuracyTolerance: flags.accuracyTolerance !== undefined ? numberFlag('--accuracy-tolerance', flags.accuracyTolerance, 0, 1) : DEFAULT_COMPARE_OPTIONS.accuracyTolerance,
    allowDifferentMachine: flags.allowDifferentMachine ?? false,
    ignoreSettings: (flags.ignoreSetting ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean),
    judgeTails: flags.judgeTails ?? false,
    seed: flags.seed !== undefined ? numberFlag('--seed', flags.seed, 0, 2 ** 32 - 1) : DEFAULT_COMPARE_OPTIONS.seed,
  };
}
