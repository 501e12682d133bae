/**
 * `--shard i/n` and `--shard auto`: split a run's jobs into n shares of about equal expected cost
 * (harness/plan/cost.ts), so that n machines finish together, and pick share i.
 *
 * Method: longest-processing-time-first (Graham 1969): jobs in decreasing expected cost, ties in
 * plan order, each to the shard with the least cost so far, ties to the lowest shard. It depends
 * only on the plan, so every shard computes the same split; within a shard jobs keep plan order
 * (micro before zoo, repeats together). LPT is within 4/3 of the optimal makespan.
 *
 * `--shard auto` takes the shard from the environment of the engine that runs it:
 * - Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based, set by Kubernetes) and
 *   JOB_COMPLETIONS (the Job's completions; the manifest sets it, Kubernetes does not);
 * - GitLab CI `parallel:` and other engines: CI_NODE_INDEX (1-based) and CI_NODE_TOTAL.
 */
import { UsageError } from '../errors.js';
import type { Job } from '../types.js';
import { expectedCostMs } from './cost.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
  /** Where the shard came from: `--shard` or the environment variables read. */
  source: string;
}

function envShard(env: NodeJS.ProcessEnv): ShardSpec {
  const pairs: Array<[string, string, number]> = [
    ['JOB_COMPLETION_INDEX', 'JOB_COMPLETIONS', 1],
    ['CI_NODE_INDEX', 'CI_NODE_TOTAL', 0],
  ];
  for (const [indexVar, countVar, offset] of pairs) {
    const indexText = env[indexVar];
    if (indexText === undefined) continue;
    const countText = env[countVar];
    if (countText === undefined)
      throw new UsageError(
        'E_BAD_FLAG',
        `--shard auto: ${indexVar}=${indexText} is set but ${countVar} is not; set ${countVar} to the number of shards (the Job's completions).`,
      );
    return checked(
      Number(indexText) + offset,
      Number(countText),
      `--shard auto (${indexVar}=${indexText}, ${countVar}=${countText})`,
      `${indexVar}/${countVar}`,
    );
  }
  throw new UsageError(
    'E_BAD_FLAG',
    '--shard auto: none of JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or CI_NODE_INDEX is set; give --shard i/n instead.',
  );
}

function checked(index: number, count: number, what: string, source: string): ShardSpec {
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError('E_BAD_FLAG', `${what}: expected shard i of n with 1 <= i <= n (e.g. --shard 1/4).`);
  }
  return { index, count, source };
}

/** Parses `--shard i/n` or `--shard auto` (which reads `env`); undefined when not sharded. */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): ShardSpec | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === 'auto') return envShard(env);
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  return checked(m ? Number(m[1]) : NaN, m ? Number(m[2]) : NaN, `--shard ${text}`, '--shard');
}

/** The 0-based shard of every job (same order as `jobs`), balanced by expected cost. */
export function assignShards(jobs: readonly Job[], count: number): number[] {
  const costs = jobs.map(expectedCostMs);
  const order = jobs.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const load = new Array<number>(count).fill(0);
  const shardOf = new Array<number>(jobs.length).fill(0);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
    shardOf[i] = best;
    load[best]! += costs[i]!;
  }
  return shardOf;
}

/** The expected cost of each shard in ms (index 0 = shard 1). */
export function shardCostsMs(jobs: readonly Job[], count: number): number[] {
  const shardOf = assignShards(jobs, count);
  const totals = new Array<number>(count).fill(0);
  jobs.forEach((job, i) => {
    totals[shardOf[i]!]! += expectedCostMs(job);
  });
  return totals;
}

/** The jobs of one shard, in plan order. */
export function selectShard(jobs: readonly Job[], shard: ShardSpec): Job[] {
  const shardOf = assignShards(jobs, shard.count);
  return jobs.filter((_, i) => shardOf[i] === shard.index - 1);
}
