import type { Profile } from '../harness/types.js';

/**
 * Runtimes the quick profile (the default `mlbench run`, 180 s on a 2-core machine) leaves out
 * of the built-in suites: tfjs:cpu is pure JavaScript, 10-200x slower than tfjs:wasm on every
 * micro op and zoo model here, and took 150 of the default run's 440 s training the tabular
 * models (measured 2026-12-05). It never answers "which runtime" at quick; `--runtime tfjs:cpu`
 * or `--profile standard` runs it.
 */
export const LEFT_OUT_AT_QUICK: readonly string[] = ['tfjs:cpu'];

/** The runtimes a suite offers at a profile: all of them, less LEFT_OUT_AT_QUICK at quick. */
export function runtimesAt(profile: Profile, runtimes: readonly string[]): string[] {
  return profile === 'quick' ? runtimes.filter((r) => !LEFT_OUT_AT_QUICK.includes(r)) : [...runtimes];
}
