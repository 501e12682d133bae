/**
 * Joins result files of one run split across shards into one. Pure: the caller reads and writes.
 */
import { UsageError } from '../harness/errors.js';
import type { ResultFile } from './schema.js';

/** Settings that legitimately differ between the shards of one run. */
const PER_SHARD_SETTINGS = new Set(['resultsDir', 'runtimes', 'suites', 'shard']);

function comparable(settings: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(settings).filter(([k]) => !PER_SHARD_SETTINGS.has(k)).sort(([a], [b]) => a.localeCompare(b)));
}

export function mergeResults(parts: Array<{ file: string; result: ResultFile }>, runId: string, command: string): ResultFile {
  if (parts.length < 2) throw new UsageError('E_USAGE', 'merge: give at least two result files.');
  const [first, ...rest] = parts;
  for (const part of rest) {
    if (part.result.machine.id !== first!.result.machine.id) {
      throw new UsageError('E_MACHINE_MISMATCH', `${part.file}: machine ${part.result.machine.id}, but ${first!.file} is from ${first!.result.machine.id}; only shards of one machine fingerprint merge (use mlbench report to lay machines side by side).`);
    }
    if (comparable(part.result.settings) !== comparable(first!.result.settings)) {
      throw new UsageError('E_RESULT_FILE', `${part.file}: its settings differ from ${first!.file}; only shards of the same run merge.`);
    }
    if (part.result.git && first!.result.git && part.result.git.commit !== first!.result.git.commit) {
      throw new UsageError('E_RESULT_FILE', `${part.file}: measured commit ${part.result.git.commit.slice(0, 12)}, but ${first!.file} measured ${first!.result.git.commit.slice(0, 12)}; only shards of the same code merge.`);
    }
  }
  const seen = new Map<string, string>();
  for (const { file, result } of parts) {
    for (const job of result.jobs) {
      const other = seen.get(job.id);
      if (other) throw new UsageError('E_RESULT_FILE', `job ${job.id} is in both ${other} and ${file}; merge shards, not overlapping runs.`);
      seen.set(job.id, file);
    }
  }
  const starts = parts.map((p) => p.result.startedAt).sort();
  const ends = parts.map((p) => p.result.finishedAt).sort();
  const gits = parts.map((p) => p.result.git).filter((g) => g !== undefined);
  // The merged file reads like a single run: no shard, the one commit, dirty if any shard was.
  const { shard: _shard, ...settings } = first!.result.settings;
  const union = (key: 'suites' | 'runtimes') => [...new Set(parts.flatMap((p) => (Array.isArray(p.result.settings[key]) ? p.result.settings[key] as string[] : [])))];
  return {
    ...first!.result,
    runId,
    startedAt: starts[0]!,
    finishedAt: ends[ends.length - 1]!,
    command,
    settings: { ...settings, suites: union('suites'), runtimes: union('runtimes'), mergedFrom: parts.map((p) => p.result.runId) },
    ...(gits.length ? { git: { commit: gits[0]!.commit, dirty: gits.some((g) => g.dirty) } } : {}),
    jobs: parts.flatMap((p) => p.result.jobs),
  };
}
