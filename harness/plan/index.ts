export { planJobs, type PlanInput } from './plan.js';
export { planResume, type ResumePlan } from './resume.js';
export { parseShard, assignShards, selectShard, shardCostsMs, type ShardSpec } from './shard.js';
export { expectedCostMs, sliceRows } from './cost.js';
