/**
 * A run's choices — which jobs it ran and where it wrote (profile, suites, runtimes, scenarios,
 * results folder, shard, sweep, the shards it was merged from) — kept apart from its settings,
 * which say how each job was measured (issue 21, "parse once": run choices go in the plan block).
 *
 * A result file records them in `plan.choices`. Files written before that kept them inside
 * `settings`; the readers here split such a file the same way, so every consumer (compare, the
 * cross-machine view, merge, history, resume, ab's replay) sees one shape whatever the file's age.
 */
import type { ResultFile } from './schema.js';

/** Keys of a run's choices (and of the pre-plan files' `settings` entries that were choices). */
export const RUN_CHOICE_KEYS: readonly string[] = [
  'profile',
  'suites',
  'runtimes',
  'scenarios',
  'resultsDir',
  'reportDir',
  'shard',
  'sweep',
  'mergedFrom',
];

const isChoice = (key: string) => RUN_CHOICE_KEYS.includes(key);

/** The run's choices: `plan.choices`, or the choice keys of an older file's `settings`. */
export function runChoices(result: Pick<ResultFile, 'settings' | 'plan'>): Record<string, unknown> {
  const legacy = Object.fromEntries(Object.entries(result.settings).filter(([k]) => isChoice(k)));
  return { ...legacy, ...(result.plan?.choices ?? {}) };
}

/** The run's measurement settings: `settings` without any choice an older file kept there. */
export function measurementSettings(result: Pick<ResultFile, 'settings'>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result.settings).filter(([k]) => !isChoice(k)));
}

/** Split one resolved record into settings and choices (what a CLI action hands the orchestrator). */
export function splitRunChoices(resolved: Record<string, unknown>): {
  settings: Record<string, unknown>;
  choices: Record<string, unknown>;
} {
  const settings: Record<string, unknown> = {};
  const choices: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resolved)) (isChoice(k) ? choices : settings)[k] = v;
  return { settings, choices };
}
