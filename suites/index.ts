/**
 * The suite registry: built-in suites declared explicitly. A suite module only declares
 * workloads (it never times anything), so importing one is cheap. User suites come from
 * validated paths (`--suite ./my-suite.js`, `--suite ./mlbench.config.yaml`): see user-suite.ts.
 */
import type { Profile, Suite } from '../harness/types.js';

export const SUITES: Record<string, () => Promise<Suite>> = {
  smoke: async () => (await import('./smoke/index.js')).smokeSuite,
  selftest: async () => (await import('./selftest/index.js')).selftestSuite,
  zoo: async () => (await import('./zoo/index.js')).zooSuite,
  micro: async () => (await import('./micro/index.js')).microSuite,
  tabular: async () => (await import('./tabular/index.js')).tabularSuite,
  vision: async () => (await import('./vision/index.js')).visionSuite,
  transformers: async () => (await import('./transformers/index.js')).transformersSuite,
  precision: async () => (await import('./precision/index.js')).precisionSuite,
};

/** Suites `mlbench run` runs when no --suite is given (micro before zoo: zoo jobs report % of the micro matmul peak). */
export const DEFAULT_SUITES: string[] = ['smoke', 'micro', 'zoo', 'transformers', 'tabular', 'vision'];

/**
 * The default suites at a profile. `quick` (the default `mlbench run`, 180 s on a 2-core machine)
 * leaves out `vision`: at quick it trains LeNet on one runtime only (tfjs:wasm, ~65 s here), so it
 * answers no "which runtime" question that the tabular suite's training rows do not; run it with
 * `--suite vision`, or at `--profile standard`.
 */
export function defaultSuites(profile: Profile): string[] {
  return profile === 'quick' ? DEFAULT_SUITES.filter((id) => id !== 'vision') : DEFAULT_SUITES;
}

export function suiteIds(): string[] {
  return Object.keys(SUITES);
}

export async function loadSuite(id: string): Promise<Suite> {
  const factory = SUITES[id];
  if (!factory) throw new Error(`unknown suite ${id}`);
  return factory();
}

export { isSuiteFile, loadUserSuite } from './user-suite.js';
export type { UserSuiteOptions } from './user-suite.js';
