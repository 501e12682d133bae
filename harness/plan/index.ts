export { planJobs, parseShard, type PlanInput } from './plan.js';
export { planResume, type ResumePlan } from './resume.js';
