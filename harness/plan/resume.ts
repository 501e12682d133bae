/**
 * `--resume <file>`: finish an interrupted run from its result file (`<run-id>.json.partial`
 * after a kill, or the complete file an interrupted run writes) alone. The file records the
 * exact command line, so the run is replayed with the same suites, runtimes and settings; the
 * jobs the file has are carried over and only the rest run. A resumed run must be the same run:
 * same machine fingerprint and same resolved settings, or it is refused.
 */
import { stableJson } from '../common/stable-json.js';
import { UsageError } from '../errors.js';
import { measurementSettings, runChoices } from '../../results/run-choices.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import type { Job } from '../types.js';

export interface ResumePlan {
  carried: JobResult[];
  remaining: Job[];
}

const PLAIN_ARG = /^[\w@%+=:,./-]+$/;

/** A command line a POSIX shell reads back into exactly `args`: `mlbench run --set 'a=b c'`. */
export function quoteCommand(args: readonly string[]): string {
  return args.map((a) => (PLAIN_ARG.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Splits a command line written by quoteCommand (single quotes only) back into its arguments. */
export function splitCommand(line: string): string[] {
  const args: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      current = (current ?? '') + line.slice(i + 1, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    } else if (/\s/.test(c)) {
      if (current !== null) args.push(current);
      current = null;
    } else {
      current = (current ?? '') + (c === '\\' && i + 1 < line.length ? line[++i]! : c);
    }
  }
  if (current !== null) args.push(current);
  return args;
}

/**
 * The arguments after `mlbench run` of the run recorded in `previous`, or null for a file that
 * predates recorded command lines (then the flags on this command line must repeat the run's).
 */
export function recordedRunArgs(previous: ResultFile, source: string): string[] | null {
  // The plan block holds the arguments as data; older files only have the command line.
  const args = previous.plan ? ['mlbench', ...previous.plan.args] : splitCommand(previous.command);
  if (args[0] !== 'mlbench' || args[1] !== 'run') return null;
  if (args.includes('--resume'))
    throw new UsageError(
      'E_RESULT_FILE',
      `${source}: its recorded command is itself a --resume; resume the original run's file.`,
    );
  return args.slice(2);
}

export function planResume(
  previous: ResultFile,
  source: string,
  jobs: Job[],
  machineId: string,
  now: { settings: Record<string, unknown>; choices: Record<string, unknown> },
): ResumePlan {
  if (previous.machine.id !== machineId) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--resume ${source}: it was run on machine ${previous.machine.id}, this is ${machineId}; resume on the same machine.`,
    );
  }
  // Measurement settings and run choices alike must match: the resumed file stands for one run.
  const before = { ...measurementSettings(previous), ...runChoices(previous) };
  const after = { ...now.settings, ...now.choices };
  const changed = Object.keys({ ...before, ...after }).filter((k) => stableJson(before[k]) !== stableJson(after[k]));
  if (changed.length) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--resume ${source}: settings differ from the interrupted run (${changed.join(', ')}); this mlbench resolves its command line differently, so run it afresh.`,
    );
  }
  // A job that never ran (skipped) is run again; every other status is a finished measurement.
  const done = new Map(previous.jobs.filter((j) => j.status !== 'skipped').map((j) => [j.id, j]));
  const carried = jobs.flatMap((j) => (done.has(j.id) ? [done.get(j.id)!] : []));
  return { carried, remaining: jobs.filter((j) => !done.has(j.id)) };
}
