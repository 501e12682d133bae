/**
 * Training jobs: the job process calls executeTrainingJob for `workload.kind === 'training'`.
 * Tabular workloads train on tfjs backends (LR, MLP) or external peers; vision workloads train a
 * zoo CNN on tfjs backends. Every path returns a JobOutcome; failures are data.
 */
import { describeRuntime } from '../runtimes/index.js';
import type { JobOutcome } from '../isolate/protocol.js';
import type { Job } from '../types.js';
import { trainingSpecOf } from './spec.js';

export { runTrainLoop, targetNotReachedMessage, timeToTarget } from './train-loop.js';
export type { EpochTrainer, EpochRecord, TrainLoopOptions, TrainLoopResult } from './train-loop.js';
export { binaryTargetProblem, effectiveTraining, learningRateAt, trainingSpecOf } from './spec.js';
export { choosePython, requiredModules } from './peer-python.js';
export type { EffectiveTraining, TabularTrainingSpec, TrainingSpec, VisionTrainingSpec } from './spec.js';
export { writeTrainedModel } from './export-trained.js';
export { SERVING_RUNTIMES, scoreOnRuntimes, maxAbsDiff } from './serve-check.js';
export type { ServingData, ServingScore } from './serve-check.js';
export { createTabularModel, tabularDescription } from './tabular-model.js';
export type { TabularModel } from './tabular-model.js';
export { isTfjsTrainingRuntime, loadTrainingTf } from './tfjs-backend.js';
export { trainingSummary } from './summary.js';
export { benchmMlTable, ladderRows } from './ladder-table.js';
export type { LadderRow } from './ladder-table.js';

/** Runs one training job in the current (job) process. */
export async function executeTrainingJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  const spec = trainingSpecOf(job);
  if (describeRuntime(job.runtime)?.family === 'external') {
    if (spec.task !== 'tabular')
      return {
        status: 'unavailable',
        error: { code: 'E_RUNTIME', message: `${job.runtime}: external peers take tabular workloads only` },
      };
    const { executeExternalTraining } = await import('./external-job.js');
    return executeExternalTraining(job, spec, progress);
  }
  if (spec.task === 'tabular') {
    const { executeTabularTraining } = await import('./tabular-job.js');
    return executeTabularTraining(job, spec, progress);
  }
  const { executeVisionTraining } = await import('./vision-job.js');
  return executeVisionTraining(job, spec, progress);
}
