/**
 * suites x runtimes x scenarios (x repeat) -> jobs. Pure: the suites are loaded by the caller.
 * Training workloads run in the scenarios they declare; inference workloads in the requested
 * scenarios (default: the ones the workload declares).
 */
import { isExternalRuntimeId } from '../common/format.js';
import { withOverrides } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { Job, Profile, ResolvedSettings, ScenarioId, Suite, SuiteOptions } from '../types.js';
import { selectShard, type ShardSpec } from './shard.js';
import { describeRuntime } from '../runtimes/index.js';

export interface PlanInput {
  suites: Suite[];
  profile: Profile;
  /** Requested runtimes, or null for every registered one. */
  runtimes: string[] | null;
  allRuntimes: string[];
  scenarios: ScenarioId[] | null;
  settings: ResolvedSettings;
  pinned: ReadonlySet<string>;
  suiteOptions?: SuiteOptions;
  /** `--shard i/n`: keep the i-th (1-based) of n shares balanced by expected cost (plan/shard.ts). */
  shard?: ShardSpec;
}

export function planJobs(input: PlanInput): Job[] {
  const jobs: Job[] = [];
  const offered = new Set<string>();
  const repeats = input.settings.repeat;
  for (const suite of input.suites) {
    for (const workload of suite.workloads(input.profile, input.suiteOptions)) {
      const supported = workload.runtimes ?? input.allRuntimes;
      for (const r of supported) offered.add(r);
      // `external:*` in a workload's runtimes accepts any `--runtime external:<cmd>` (a peer).
      const peers = supported.includes('external:*')
        ? (input.runtimes ?? []).filter((r) => isExternalRuntimeId(r) && !supported.includes(r))
        : [];
      // Browser-host runtimes (a Chromium per job) run only when asked for with --runtime.
      const runtimes = [
        ...(input.runtimes
          ? supported.filter((r) => input.runtimes!.includes(r))
          : supported.filter((r) => r !== 'external:*' && describeRuntime(r)?.host !== 'browser')),
        ...peers,
      ];
      // Training workloads run their own scenario (accuracy); inference ones what was asked and they support.
      const scenarios =
        workload.kind === 'training' || !input.scenarios
          ? workload.scenarios
          : input.scenarios.filter((s) => !workload.supports || workload.supports.includes(s));
      const settings = withOverrides(
        input.settings,
        workload.settings,
        `suite ${suite.id}, workload ${workload.id}`,
        input.pinned,
      );
      for (const runtime of runtimes) {
        for (const scenario of scenarios) {
          for (let repeat = 0; repeat < repeats; repeat++) {
            const id = `${suite.id}/${workload.id}/${runtime}/${scenario}${repeats > 1 ? `#${repeat + 1}` : ''}`;
            jobs.push({ id, suite: suite.id, workload, runtime, scenario, repeat, settings });
          }
        }
      }
    }
  }
  const sharded = input.shard ? selectShard(jobs, input.shard) : jobs;
  if (jobs.length > 0 && sharded.length === 0) {
    throw new UsageError(
      'E_NO_JOBS',
      `${input.shard!.source === '--shard' ? '--shard' : '--shard auto'} ${input.shard!.index}/${input.shard!.count}: the plan has only ${jobs.length} job(s), fewer than the shards; use at most ${jobs.length} shards.`,
    );
  }
  if (sharded.length === 0) {
    throw new UsageError(
      'E_NO_JOBS',
      'no jobs match --suite/--runtime/--scenario' +
        (input.runtimes
          ? ` (runtimes asked for: ${input.runtimes.join(', ')}; the suites' workloads run on: ${[...offered].join(', ')})`
          : '') +
        '.',
    );
  }
  const dataset = input.suiteOptions?.dataset;
  if (dataset && !jobs.some((j) => j.workload.dataset?.id === dataset.id)) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--dataset ${dataset.id}: none of the suites asked for (${input.suites.map((s) => s.id).join(', ')}) trains on a user dataset; use it with --suite tabular.`,
    );
  }
  return sharded;
}
