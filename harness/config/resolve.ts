/**
 * Requested options -> resolved settings, once: flags and `--set` pairs are parsed (text, with
 * units for durations), validated against the settings schemas and the registries, and completed
 * with the schemas' defaults. The typed result is what runs and what is written, whole, into every
 * result file (LoadGen logs its effective settings too).
 */
import { isExternalRuntimeId } from '../common/format.js';
import { UsageError, unknownChoice } from '../errors.js';
import { PROFILES, SCENARIOS, type Profile, type ScenarioId } from '../types.js';
import { parseDuration } from './duration.js';
import { completeSettings, parseSetPair, parseSetting, type ResolvedSettings, type SettingsInput } from './settings.js';

/** What the user asked for, as parsed from the command line (strings, unvalidated). */
export interface RequestedOptions {
  suites?: string[];
  runtimes?: string[];
  scenarios?: string[];
  profile?: string;
  resultsDir?: string;
  timeout?: string;
  set?: string[];
  /** Settings given by dedicated flags (e.g. --min-duration), already keyed by setting name. */
  flags?: Record<string, unknown>;
  /** The flag each of `flags` came from, for error messages (`minDurationMs` -> `--min-duration`). */
  flagNames?: Record<string, string>;
}

/** Run-level choices that are not in the settings table. */
export interface RunChoices {
  profile: Profile;
  suites: string[] | null;
  runtimes: string[] | null;
  scenarios: ScenarioId[] | null;
  resultsDir: string;
}

/** Splits repeatable, comma-separated flag values: ['a,b', 'c'] -> ['a', 'b', 'c']. */
export function splitList(values: string[] | string | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

/** Parses a duration flag into whole milliseconds: `500ms`, `5s`, `2m`, or a bare number of milliseconds. */
export function parseDurationMs(text: string, flag: string): number {
  try {
    return Math.round(parseDuration(text, 'ms'));
  } catch (err) {
    throw new UsageError('E_BAD_FLAG', `${flag} ${text}: ${(err as Error).message}.`);
  }
}

export function resolveChoices(req: RequestedOptions, valid: { suites: string[]; runtimes: string[] }): RunChoices {
  const profile = req.profile ?? 'quick';
  if (!(PROFILES as readonly string[]).includes(profile))
    throw unknownChoice('E_UNKNOWN_PROFILE', '--profile', profile, PROFILES);
  const suites = splitList(req.suites) ?? null;
  for (const s of suites ?? [])
    if (!valid.suites.includes(s)) throw unknownChoice('E_UNKNOWN_SUITE', '--suite', s, valid.suites);
  const runtimes = splitList(req.runtimes) ?? null;
  for (const r of runtimes ?? []) {
    if (!valid.runtimes.includes(r) && !isExternalRuntimeId(r))
      throw unknownChoice('E_UNKNOWN_RUNTIME', '--runtime', r, valid.runtimes);
  }
  const scenarios = splitList(req.scenarios) ?? null;
  for (const s of scenarios ?? [])
    if (!(SCENARIOS as readonly string[]).includes(s))
      throw unknownChoice('E_UNKNOWN_SCENARIO', '--scenario', s, SCENARIOS);
  return {
    profile: profile as Profile,
    suites,
    runtimes,
    scenarios: scenarios as ScenarioId[] | null,
    resultsDir: req.resultsDir ?? 'out/results',
  };
}

/** Defaults <- dedicated flags <- `--set` pairs (the last word wins), every value validated. */
export function resolveSettings(req: RequestedOptions): ResolvedSettings {
  const given: Record<string, unknown> = {};
  if (req.timeout !== undefined) given.timeoutMs = parseSetting('timeoutMs', req.timeout, `--timeout ${req.timeout}`);
  for (const [key, value] of Object.entries(req.flags ?? {})) {
    if (value !== undefined)
      given[key] = parseSetting(key, value, `${req.flagNames?.[key] ?? `--${key}`} ${String(value)}`);
  }
  for (const pair of req.set ?? []) {
    const [key, value] = parseSetPair(pair);
    given[key] = value;
  }
  return completeSettings(given);
}

/** A job's effective settings: the run's settings with the workload's overrides, validated. */
export function withOverrides(
  settings: ResolvedSettings,
  overrides: SettingsInput | undefined,
  source: string,
  pinned: ReadonlySet<string>,
): ResolvedSettings {
  const out: Record<string, unknown> = { ...settings };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    // A setting the user pinned on the command line beats a workload's default.
    if (value !== undefined && !pinned.has(key)) out[key] = parseSetting(key, value, source);
  }
  return out as ResolvedSettings;
}

/** The setting keys the user set explicitly (flags and --set), which workload overrides must not undo. */
export function pinnedKeys(req: RequestedOptions): Set<string> {
  const keys = new Set<string>();
  if (req.timeout !== undefined) keys.add('timeoutMs');
  for (const [key, value] of Object.entries(req.flags ?? {})) if (value !== undefined) keys.add(key);
  for (const pair of req.set ?? []) keys.add(pair.slice(0, pair.indexOf('=')).trim());
  return keys;
}
