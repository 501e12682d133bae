/**
 * What a job process does: dispatch on the workload's kind. Inference: build the model (load),
 * create the session (session create), run the first query (first run), then hand the session
 * to the scenario runner; finally check parity and count FLOPs. Training lives in harness/train,
 * micro (single-op, tinybench) jobs in harness/micro.
 */
import { completeSettings } from '../config/settings.js';
import { buildModel } from '../models/index.js';
import { checkParity } from '../models/parity.js';
import { createRuntime } from '../runtimes/index.js';
import { randomSamples } from '../scenarios/samples.js';
import { inputSamples, resolveInputs, type InputsRequest } from '../inputs/index.js';
import { runScenario } from '../scenarios/index.js';
import type { Job } from '../types.js';
import type { JobOutcome } from './protocol.js';

const msSince = (t0: number) => performance.now() - t0;

export async function executeJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  if (job.workload.kind === 'training') {
    const { executeTrainingJob } = await import('../train/index.js');
    return executeTrainingJob(job, progress);
  }
  if (job.workload.model.kind === 'micro') {
    const { executeMicroJob } = await import('../micro/index.js');
    return executeMicroJob(job, progress);
  }
  return executeInferenceJob(job, progress);
}

async function executeInferenceJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  // The parent probed this runtime before starting the job (and records its version); probing
  // again here would bring up every backend of the runtime family in this process.
  const runtime = await createRuntime(job.runtime);
  const settings = completeSettings(job.settings);
  let t0 = performance.now();
  const model = await buildModel(job.workload.model);
  const loadMs = msSince(t0);

  t0 = performance.now();
  const { session, info } = await runtime.load(model, settings);
  const sessionCreateMs = msSince(t0);
  const runtimeInfo = { version: null, threads: info.threads, options: info.options };
  let disposed = false;
  try {
    const batch = settings.batchSize;
    // A model file's inputs (`mlbench model --shape/--input`) travel in workload.extra.inputs.
    const request = job.workload.extra?.inputs as InputsRequest | undefined;
    const samples = request
      ? inputSamples(resolveInputs(model.inputs, request, job.workload.model.kind === 'file' ? job.workload.model.path : model.name), Math.max(256, batch), settings.seed)
      : randomSamples(model.inputs, Math.max(256, batch), settings.seed);
    const firstFeeds = samples.feeds([0]);
    t0 = performance.now();
    const firstOutputs = await session.run(firstFeeds);
    const firstRunMs = msSince(t0);
    progress(`${job.id}: measuring ${job.scenario}`);

    const scenario = await runScenario(job.scenario, session, samples, settings);
    // Peak RSS of the measured work, before the parity check loads the reference runtime here too.
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    // Outputs of the first query against ort-node:cpu on the same inputs. The null runtime
    // computes nothing, so it has neither outputs to check nor FLOPs to claim.
    const parity = job.runtime !== 'null' ? await checkParity(model, firstFeeds, firstOutputs) : undefined;
    // FLOPs of one query: one sample, or a batch in the offline scenario.
    const flopsPerSample = job.runtime === 'null' ? undefined : model.flopsPerSample;
    const flops = flopsPerSample !== undefined ? flopsPerSample * (job.scenario === 'offline' ? batch : 1) : undefined;
    const samplesPerS = scenario.throughputPerS;
    const achievedGflops = flopsPerSample !== undefined && samplesPerS !== undefined ? (flopsPerSample * samplesPerS) / 1e9 : undefined;
    const status = parity && !parity.pass ? 'failed' : scenario.status;
    await session.dispose();
    disposed = true;
    const leakedTensors = session.leakedTensors?.();
    return {
      ...scenario,
      status,
      ...(parity && !parity.pass ? { error: { code: 'E_PARITY', message: `outputs differ from ${parity.reference}: max abs diff ${parity.maxAbsDiff}` } } : {}),
      runtimeInfo,
      coldStart: { loadMs, sessionCreateMs, firstRunMs },
      parity,
      flops,
      achievedGflops,
      memory: { peakRssBytes, ...(leakedTensors !== undefined ? { leakedTensors } : {}) },
    };
  } finally {
    if (!disposed) await session.dispose();
  }
}
