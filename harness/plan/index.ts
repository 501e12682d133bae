export { planJobs, parseShard, type PlanInput } from './plan.js';
