import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../harness/config/resolve.js';
import { planJobs } from '../../../harness/plan/plan.js';
import { expectedCostMs } from '../../../harness/plan/cost.js';
import { assignShards, parseShard, selectShard, shardCostsMs } from '../../../harness/plan/shard.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { DEFAULT_SUITES, loadSuite } from '../../../suites/index.js';

async function defaultPlan(profile: 'quick' | 'standard' = 'quick') {
  const suites = await Promise.all(DEFAULT_SUITES.map(loadSuite));
  return planJobs({
    suites,
    profile,
    runtimes: null,
    allRuntimes: Object.keys(RUNTIMES),
    scenarios: null,
    settings: resolveSettings({}),
    pinned: new Set(),
  });
}

describe('shard', () => {
  it('splits the default suites into 4 shards of expected cost within 1.5x, each job once, deterministically', async () => {
    const jobs = await defaultPlan();
    const costs = shardCostsMs(jobs, 4);
    expect(Math.max(...costs) / Math.min(...costs)).toBeLessThanOrEqual(1.5);
    expect(costs.reduce((a, b) => a + b, 0)).toBeCloseTo(
      jobs.reduce((a, j) => a + expectedCostMs(j), 0),
      6,
    );
    const shards = [1, 2, 3, 4].map((index) =>
      selectShard(jobs, { index, count: 4, source: '--shard' }).map((j) => j.id),
    );
    expect(shards.flat().sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(assignShards(jobs, 4)).toEqual(assignShards(jobs, 4));
    // Plan order within a shard: micro jobs still come before zoo jobs.
    for (const ids of shards) {
      const lastMicro = ids.findLastIndex((id) => id.startsWith('micro/'));
      const firstZoo = ids.findIndex((id) => id.startsWith('zoo/'));
      if (lastMicro >= 0 && firstZoo >= 0) expect(lastMicro).toBeLessThan(firstZoo);
    }
  });

  it('costs training by rows and epochs, above a short inference job', async () => {
    const jobs = await defaultPlan();
    const cost = (id: string) => expectedCostMs(jobs.find((j) => j.id === id)!);
    expect(cost('tabular/mlp-100k/tfjs:wasm/accuracy')).toBeGreaterThan(cost('tabular/mlp-10k/tfjs:wasm/accuracy'));
    expect(cost('tabular/mlp-10k/tfjs:wasm/accuracy')).toBeGreaterThan(cost('smoke/logreg-32/null/single-stream'));
    // tfjs:cpu trains from the standard profile on (quick leaves it out).
    const standard = await defaultPlan('standard');
    const costStd = (id: string) => expectedCostMs(standard.find((j) => j.id === id)!);
    expect(costStd('tabular/mlp-10k/tfjs:cpu/accuracy')).toBeGreaterThan(costStd('tabular/mlp-10k/tfjs:wasm/accuracy'));
  });

  it('reads --shard i/n and --shard auto from the Kubernetes or CI environment', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3, source: '--shard' });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '3' })).toMatchObject({
      index: 1,
      count: 3,
    });
    expect(parseShard('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toMatchObject({
      index: 3,
      count: 3,
      source: 'CI_NODE_INDEX/CI_NODE_TOTAL',
    });
    expect(() => parseShard('auto', {})).toThrow(/JOB_COMPLETION_INDEX/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '1' })).toThrow(/JOB_COMPLETIONS is not/);
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '3', JOB_COMPLETIONS: '3' })).toThrow(/1 <= i <= n/);
    expect(() => parseShard('3/2')).toThrow(/--shard 3\/2/);
    expect(parseShard(undefined)).toBeUndefined();
  });
});
