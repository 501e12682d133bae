/**
 * Joins result files of one run split across shards into one. Pure: the caller reads and writes.
 */
import { UsageError } from '../harness/errors.js';
import { measurementSettings, runChoices } from './run-choices.js';
import type { ResultFile } from './schema.js';

/** Run choices that legitimately differ between the shards of one run; every other choice and setting must match. */
const PER_SHARD_CHOICES = new Set(['resultsDir', 'runtimes', 'suites', 'shard']);

/** A shard's settings and same-run choices, as one comparable string. */
function comparable(result: ResultFile): string {
  const choices = Object.entries(runChoices(result)).filter(([k]) => !PER_SHARD_CHOICES.has(k));
  return JSON.stringify(
    [...Object.entries(measurementSettings(result)), ...choices].sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function mergeResults(
  parts: Array<{ file: string; result: ResultFile }>,
  runId: string,
  command: string,
): ResultFile {
  if (parts.length < 2) throw new UsageError('E_USAGE', 'merge: give at least two result files.');
  const [first, ...rest] = parts;
  for (const part of rest) {
    if (part.result.machine.id !== first!.result.machine.id) {
      throw new UsageError(
        'E_MACHINE_MISMATCH',
        `${part.file}: machine ${part.result.machine.id}, but ${first!.file} is from ${first!.result.machine.id}; only shards of one machine fingerprint merge (use mlbench report to lay machines side by side).`,
      );
    }
    if (comparable(part.result) !== comparable(first!.result)) {
      throw new UsageError(
        'E_RESULT_FILE',
        `${part.file}: its settings differ from ${first!.file}; only shards of the same run merge.`,
      );
    }
    if (part.result.git && first!.result.git && part.result.git.commit !== first!.result.git.commit) {
      throw new UsageError(
        'E_RESULT_FILE',
        `${part.file}: measured commit ${part.result.git.commit.slice(0, 12)}, but ${first!.file} measured ${first!.result.git.commit.slice(0, 12)}; only shards of the same code merge.`,
      );
    }
  }
  const seen = new Map<string, string>();
  for (const { file, result } of parts) {
    for (const job of result.jobs) {
      const other = seen.get(job.id);
      if (other)
        throw new UsageError(
          'E_RESULT_FILE',
          `job ${job.id} is in both ${other} and ${file}; merge shards, not overlapping runs.`,
        );
      seen.set(job.id, file);
    }
  }
  const starts = parts.map((p) => p.result.startedAt).sort();
  const ends = parts.map((p) => p.result.finishedAt).sort();
  const gits = parts.map((p) => p.result.git).filter((g) => g !== undefined);
  // The merged file reads like a single run: no shard, the one commit, dirty if any shard was.
  const { shard: _shard, ...choices } = runChoices(first!.result);
  const listOf = (result: ResultFile, key: 'suites' | 'runtimes') => {
    const v = runChoices(result)[key];
    return Array.isArray(v) ? (v as string[]) : [];
  };
  const union = (key: 'suites' | 'runtimes') => [...new Set(parts.flatMap((p) => listOf(p.result, key)))];
  const plan = first!.result.plan ?? { command: 'run', args: [], jobs: [] };
  return {
    ...first!.result,
    runId,
    startedAt: starts[0]!,
    finishedAt: ends[ends.length - 1]!,
    command,
    settings: measurementSettings(first!.result),
    plan: {
      ...plan,
      jobs: parts.flatMap((p) => p.result.plan?.jobs ?? p.result.jobs.map((j) => j.id)),
      choices: {
        ...choices,
        suites: union('suites'),
        runtimes: union('runtimes'),
        mergedFrom: parts.map((p) => p.result.runId),
      },
    },
    ...(gits.length ? { git: { commit: gits[0]!.commit, dirty: gits.some((g) => g.dirty) } } : {}),
    jobs: parts.flatMap((p) => p.result.jobs),
  };
}
