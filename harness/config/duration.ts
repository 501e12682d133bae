/**
 * Durations with units, the one parser behind every duration flag (`--timeout`, `--min-duration`,
 * `--latency-bound`) and every duration setting (keys ending in Ms, Ns, Us): `250ms`, `1s`, `2m`,
 * `1h`, `10us` (or `10µs`), `500ns`; a bare number is in the unit of the key or flag it is given to.
 * Written here rather than taken from a package because the settings need ns and µs and an exact
 * answer in the key's own unit (the common `ms`-style parsers stop at milliseconds).
 */

/** The units a duration may be written in; `µs` is also accepted as `us` or `μs`. */
export type DurationUnit = 'ns' | 'µs' | 'ms' | 's' | 'm' | 'h';

const NS_PER: Record<DurationUnit, number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const ALIASES: Record<string, DurationUnit> = { us: 'µs', μs: 'µs' };
const PATTERN = /^\s*((?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(ns|us|µs|μs|ms|s|m|h)?\s*$/;

const EXAMPLES: Record<DurationUnit, string> = {
  ns: '10ms or 500us',
  µs: '20us or 1.5ms',
  ms: '500ms, 5s or 2m',
  s: '30s or 5m',
  m: '2m or 1h',
  h: '1h',
};

/** Examples for error messages and help: `e.g. 500ms, 5s or 2m (a bare number is ms)`. */
export function durationExamples(unit: DurationUnit): string {
  return `e.g. ${EXAMPLES[unit]} (a bare number is ${unit})`;
}

/**
 * Parses `text` into a number of `unit`: `parseDuration('1.5s', 'ms')` is 1500,
 * `parseDuration('10ms', 'ns')` is 10_000_000, `parseDuration('20', 'µs')` is 20.
 * Throws an Error saying what was expected; callers add the flag or key.
 */
export function parseDuration(text: string, unit: DurationUnit): number {
  const m = PATTERN.exec(text);
  if (!m) throw new Error(`expected a duration, ${durationExamples(unit)}`);
  const given = (ALIASES[m[2] ?? ''] ?? m[2] ?? unit) as DurationUnit;
  // toPrecision trims the binary noise of the scaling (1.1 s is 1100 ms, not 1100.0000000000002).
  return Number(((Number(m[1]) * NS_PER[given]) / NS_PER[unit]).toPrecision(15));
}
