/**
 * Measured time per suite, for `mlbench list`: the summed job wall time (`JobResult.wallMs`, child
 * start to exit, ms) of each suite in the newest result file under `<resultsDir>/<machineId>/`
 * (the layout of results/store.ts resultPath) that ran the suite whole at `profile`. Unlike the
 * plan's cost estimate (plan/cost.ts: orders of magnitude, for balancing shards) it is what this
 * machine took; a suite has none until a run at that profile recorded it here. A file whose suite
 * has a `skipped` job (an interrupted or --bail run) does not count for that suite. Files that
 * cannot be read or parsed are passed over: a listing never fails on an old result.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { runChoices } from '../../results/run-choices.js';
import { readResult } from '../../results/store.js';

export interface SuiteTime {
  /** Summed job wall time of the suite, seconds. */
  seconds: number;
  /** When that run started (ISO 8601). */
  startedAt: string;
}

/** Result files read at most (newest first), so a long history does not slow `mlbench list`. */
const MAX_FILES = 20;

export async function measuredSuiteSeconds(
  resultsDir: string,
  machineId: string,
  profile: string,
): Promise<Map<string, SuiteTime>> {
  const dir = path.join(resultsDir, machineId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const newestFirst = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, MAX_FILES);
  const out = new Map<string, SuiteTime>();
  for (const name of newestFirst) {
    const result = await readResult(path.join(dir, name)).catch(() => null);
    if (!result || runChoices(result).profile !== profile) continue;
    const bySuite = new Map<string, { ms: number; whole: boolean }>();
    for (const job of result.jobs) {
      const s = bySuite.get(job.suite) ?? { ms: 0, whole: true };
      s.ms += job.wallMs ?? 0;
      if (job.status === 'skipped') s.whole = false;
      bySuite.set(job.suite, s);
    }
    for (const [suite, s] of bySuite) {
      if (s.whole && !out.has(suite)) out.set(suite, { seconds: s.ms / 1000, startedAt: result.startedAt });
    }
  }
  return out;
}
