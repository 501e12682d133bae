/**
 * What a job process does: dispatch on the workload's kind. Inference: build the model (load),
 * create the session (session create), run the first query (first run), then hand the session
 * to the scenario runner; finally check parity and count FLOPs. Training lives in harness/train,
 * micro (single-op, tinybench) jobs in harness/micro.
 */
import { buildModel } from '../models/index.js';
import { assertFinite } from '../errors.js';
import { bfloat16ToNumber, float16ToNumber } from '../inputs/half-float.js';
import {
  checkParity,
  copyFeeds,
  float64Reference,
  mergeParity,
  parityTolerance,
  referenceParity,
  TFJS_PARITY_REFERENCE,
  type ParityReference,
  type ParityResult,
} from '../models/parity.js';
import { parityProfile } from '../models/parity-profile.js';
import {
  FLOAT64_ONNX_REFERENCE_ID,
  float64OnnxReference,
  notIndependentReferenceId,
} from '../models/onnx-eval/index.js';
import type { SampleSource } from '../scenarios/samples.js';
import { createRuntime, describeRuntime } from '../runtimes/index.js';
import { randomSamples } from '../scenarios/samples.js';
import { fedFromResolved, fedFromSpecs, inputSamples, resolveInputs, type InputsRequest } from '../inputs/index.js';
import { runScenario } from '../scenarios/index.js';
import { startEnergyTracker } from '../system/energy-tracker.js';
import { measureGpuPhases } from '../runtimes/gpu-phases.js';
import type { Feeds, Job, ModelArtifact, ResolvedSettings, Session } from '../types.js';
import type { JobOutcome } from './protocol.js';
import { PrecisionErrorMeter } from '../models/precision/index.js';
import { checkPrecision, missingKernel, noKernels } from './precision-check.js';
import { precisionResult, unjudgedParity } from './precision-result.js';

const msSince = (t0: number) => performance.now() - t0;

/** The stand-in reference of ONNX files the float64 evaluator cannot cover: ort-node:cpu with graph optimisations off (no fused kernels, no rewrites). */
export const ORT_UNOPTIMISED_ID = 'ort-node:cpu (graph optimisations disabled)';

/** ort-node:cpu with graph optimisations off, run in this process; the job's other ort settings (threads) are kept. */
function ortUnoptimisedReference(settings: ResolvedSettings, id = ORT_UNOPTIMISED_ID): ParityReference {
  // One reference session for every check of the job (samples, batch); the job process ends after.
  let loaded: Promise<Session> | null = null;
  return {
    id,
    async outputs(model: ModelArtifact, feeds: Feeds): Promise<Feeds> {
      loaded ??= import('../runtimes/ort-node.js').then(
        async ({ createOrtNodeRuntime }) =>
          (await createOrtNodeRuntime('cpu').load(model, { ...settings, 'ort.graphOptimizationLevel': 'disabled' }))
            .session,
      );
      return copyFeeds(await (await loaded).run(feeds));
    },
  };
}

/** How many single samples parity checks beside the first query and the full batch. */
const PARITY_SAMPLES = 4;

/** Past this much time in parity, no further sample or batch is checked (the float64 evaluator is plain JS). */
const PARITY_BUDGET_MS = 30_000;

/**
 * The reference of an ONNX file: the float64 evaluator (models/onnx-eval) where it has a kernel
 * for every op the outputs need; else, or if it throws, ort-node:cpu with graph optimisations
 * off, recorded as `onnxruntime (not independent): ...` with the reason (the missing ops).
 * Null when this job is that stand-in itself.
 */
function onnxFileReference(job: Job, settings: ResolvedSettings, model: ModelArtifact): ParityReference | null {
  const own = float64OnnxReference(model);
  if (!own.reference) {
    const id = notIndependentReferenceId(own.reason);
    return job.runtime === 'ort-node:cpu' && settings['ort.graphOptimizationLevel'] === 'disabled'
      ? null
      : ortUnoptimisedReference(settings, id);
  }
  const evaluator = own.reference;
  let fallback: ParityReference | null = null;
  return {
    get id() {
      return fallback?.id ?? FLOAT64_ONNX_REFERENCE_ID;
    },
    async outputs(m: ModelArtifact, feeds: Feeds): Promise<Feeds> {
      if (!fallback) {
        try {
          return await evaluator.outputs(m, feeds);
        } catch (err) {
          fallback = ortUnoptimisedReference(
            settings,
            notIndependentReferenceId(`the float64 evaluator failed (${(err as Error).message})`),
          );
        }
      }
      return fallback.outputs(m, feeds);
    },
  };
}

/**
 * Parity against the independent reference: the float64 forward pass for models with an
 * architecture description; for ONNX files, the float64 ONNX evaluator, or where it lacks an op,
 * ort-node:cpu with graph optimisations off labelled not independent (the reference itself when
 * this job is exactly that). Checks the first query's outputs, more
 * single samples and one full batch (settings.batchSize, when the first input's batch dim is
 * symbolic), with the tolerance of the model's precision (models/parity-profile.ts) or
 * --parity-tolerance; each output judged on its own, softmax outputs as logits.
 */
export async function parityOf(
  job: Job,
  settings: ResolvedSettings,
  model: ModelArtifact,
  session: Session,
  samples: SampleSource,
  firstFeeds: Feeds,
  firstOutputs: Feeds,
  samplesAreQueries: boolean,
  meter?: PrecisionErrorMeter,
): Promise<ParityResult> {
  let reference: ParityReference;
  if (model.arch || model.transformer) reference = float64Reference;
  else if (model.tfjs) {
    // A model.json has neither an architecture description nor an ONNX graph: tfjs:cpu is its reference.
    if (job.runtime === TFJS_PARITY_REFERENCE) return referenceParity(TFJS_PARITY_REFERENCE);
    reference = {
      id: TFJS_PARITY_REFERENCE,
      outputs: async (m, f) => (await import('../runtimes/tfjs-session.js')).tfjsReferenceOutputs(m, f),
    };
  } else {
    const fileReference = onnxFileReference(job, settings, model);
    if (!fileReference) return referenceParity(notIndependentReferenceId(float64OnnxReference(model).reason ?? ''));
    reference = fileReference;
  }
  const startedMs = performance.now();
  const overBudget = () => performance.now() - startedMs > PARITY_BUDGET_MS;
  const profile = parityProfile(model);
  const tolerance = parityTolerance(profile.precision, profile.accumulation, settings.parityTolerance);
  // The precision meter (models/precision) reads the same reference outputs parity compares with.
  let lastReference: Feeds | null = null;
  const inner = reference;
  const tapped: ParityReference = {
    get id() {
      return inner.id;
    },
    async outputs(m, f) {
      return (lastReference = await inner.outputs(m, f));
    },
  };
  const options = { reference: meter ? tapped : reference, tolerance, softmaxOutputs: profile.softmaxOutputs };
  const check = async (feeds: Feeds, actual: Feeds) => {
    const c = await checkParity(model, feeds, actual, options);
    if (meter && lastReference) meter.add(lastReference, actual);
    return c;
  };
  const checks = [await check(firstFeeds, firstOutputs)];
  const singles = Math.min(PARITY_SAMPLES, samples.count);
  let singlesDone = 1;
  for (let i = 1; i < singles && !overBudget(); i++, singlesDone++) {
    const feeds = samples.feeds([i]);
    checks.push(await check(feeds, copyFeeds(await session.run(feeds))));
  }
  const batch = Math.min(settings.batchSize, samples.count);
  // A model file's given inputs (--shape/--input) are whole queries: no batch can be formed from them.
  const wantBatch = !samplesAreQueries && batch > 1 && typeof model.inputs[0]?.dims[0] === 'string';
  const batchable = wantBatch && !overBudget();
  if (batchable) {
    const feeds = samples.feeds(Array.from({ length: batch }, (_, i) => i));
    checks.push(await check(feeds, copyFeeds(await session.run(feeds))));
  }
  const cut =
    singlesDone < singles || wantBatch !== batchable
      ? ` (stopped at the ${PARITY_BUDGET_MS / 1000} s parity budget)`
      : '';
  return mergeParity(
    checks,
    `${singlesDone} sample${singlesDone > 1 ? 's' : ''}${batchable ? ` + batch ${batch}` : ''}${cut}`,
  );
}

/** Throws E_NONFINITE when any output holds NaN or Inf, naming the output and the counts. */
function assertFiniteOutputs(runtime: string, outputs: Feeds): void {
  for (const [name, t] of Object.entries(outputs)) {
    // Strings have no NaN; 16-bit floats are checked by value, not by their bit patterns.
    if (Array.isArray(t.data)) continue;
    const values =
      t.dtype === 'float16'
        ? Array.from(t.data as Uint16Array, float16ToNumber)
        : t.dtype === 'bfloat16'
          ? Array.from(t.data as Uint16Array, bfloat16ToNumber)
          : t.data;
    assertFinite(`${runtime}: output "${name}" of the first query`, values);
  }
}

export async function executeJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  // Browser-host runtimes run their scenario loop inside a Chromium page (harness/browser).
  if (describeRuntime(job.runtime)?.host === 'browser') {
    const { browserRuntimeSpec } = await import('../browser/browser-specs.js');
    return (await import('../browser/browser-job.js')).executeBrowserJob(
      job,
      browserRuntimeSpec(job.runtime)!,
      progress,
    );
  }
  if (job.workload.kind === 'training') {
    const { executeTrainingJob } = await import('../train/index.js');
    return executeTrainingJob(job, progress);
  }
  if (job.workload.kind === 'generation') {
    const { executeGenerationJob } = await import('../generation/execute-generation.js');
    return executeGenerationJob(job, progress);
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
  // The null family computes nothing: it has neither outputs to check nor FLOPs to claim.
  const computes = describeRuntime(job.runtime)?.family !== 'null';
  const settings = job.settings;
  let t0 = performance.now();
  const model = await buildModel(job.workload.model);
  const loadMs = msSince(t0);

  // A zoo model at fp16/int8: does this runtime run that precision here? Tried, not assumed.
  const precision = model.precision ?? 'fp32';
  if (precision !== 'fp32' && computes) {
    const support = await checkPrecision(job.runtime, runtime, precision, settings);
    if (!support.available) return { status: 'unavailable', error: { code: 'E_PRECISION', message: support.reason } };
  }
  t0 = performance.now();
  let loaded: Awaited<ReturnType<typeof runtime.load>>;
  try {
    loaded = await runtime.load(model, settings);
  } catch (err) {
    const op = precision !== 'fp32' ? missingKernel(err) : undefined;
    if (op)
      return {
        status: 'unavailable',
        error: {
          code: 'E_PRECISION',
          message: noKernels(job.runtime, precision, `no ${precision} kernel for ${op} in this model`),
        },
      };
    throw err;
  }
  const { session, info } = loaded;
  const sessionCreateMs = msSince(t0);
  const runtimeInfo = {
    version: null,
    threads: info.threads,
    options: info.options,
    ...(info.adapter ? { adapter: info.adapter } : {}),
  };
  let disposed = false;
  try {
    const batch = settings.batchSize;
    // A model file's inputs (`mlbench model --shape/--input`) travel in workload.extra.inputs.
    const request = job.workload.extra?.inputs as InputsRequest | undefined;
    const resolved = request
      ? resolveInputs(model.inputs, request, job.workload.model.kind === 'file' ? job.workload.model.path : model.name)
      : null;
    const samples = resolved
      ? inputSamples(resolved, Math.max(256, batch), settings.seed)
      : randomSamples(model.inputs, Math.max(256, batch), settings.seed);
    // What each query is fed goes into the result, so compare can tell batch 1 from batch 8.
    const inputs = resolved ? fedFromResolved(resolved) : fedFromSpecs(model.inputs);
    const firstFeeds = samples.feeds([0]);
    t0 = performance.now();
    const firstOutputs = await session.run(firstFeeds);
    const firstRunMs = msSince(t0);
    // The second query, warm: with firstRunMs it separates shader/pipeline compilation (GPU) or
    // lazy initialisation from steady state.
    t0 = performance.now();
    await session.run(samples.feeds([1 % samples.count]));
    const warmRunMs = msSince(t0);
    // A model that answers NaN or Inf fails before anything is measured (E_NONFINITE).
    if (computes) assertFiniteOutputs(job.runtime, firstOutputs);
    progress(`${job.id}: measuring ${job.scenario}`);

    // Energy and device memory over the measurement only (nvidia-smi on GPU jobs, RAPL on every job).
    const computesOnGpu = describeRuntime(job.runtime)?.device === 'gpu';
    const tracker = computes ? startEnergyTracker({ gpu: computesOnGpu }) : null;
    const scenario = await runScenario(job.scenario, session, samples, settings);
    const energy = tracker ? await tracker.stop(scenario.queryCount ?? 0).catch(() => undefined) : undefined;
    // Peak RSS of the measured work, before the parity check loads the reference runtime here too.
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    // Outputs of the first query against the independent reference on the same inputs.
    // Zoo and trained models: the error of this precision against the float64 reference, from parity's comparisons.
    const meter =
      computes && (model.arch || model.transformer)
        ? new PrecisionErrorMeter(parityProfile(model).softmaxOutputs)
        : undefined;
    const checkedParity = computes
      ? await parityOf(job, settings, model, session, samples, firstFeeds, firstOutputs, resolved !== null, meter)
      : undefined;
    const precisionBlock = meter && checkedParity ? precisionResult(model, meter, checkedParity.reference) : undefined;
    // Parity's pass/fail applies to fp32 only; other precisions report their error beside a stated bound.
    const parity = checkedParity && precision !== 'fp32' ? unjudgedParity(checkedParity, precision) : checkedParity;
    const parityFailed = parity !== undefined && 'pass' in parity && !parity.pass;
    // A failure that matches a known runtime fault is confirmed by running its one-op repro here.
    const knownFault =
      parityFailed && info.adapter
        ? await (
            await import('../models/known-faults.js')
          )
            .confirmKnownFault(runtime, model, info.adapter.description, settings)
            .catch(() => undefined)
        : undefined;
    // FLOPs of one query: one sample, or a batch in the offline scenario.
    const flopsPerSample = computes ? model.flopsPerSample : undefined;
    const flops = flopsPerSample !== undefined ? flopsPerSample * (job.scenario === 'offline' ? batch : 1) : undefined;
    // Completed samples per second in every scenario (server: result_completed_samples_per_sec,
    // never the scheduled rate), so FLOP/s and % of peak count only work that was done.
    const samplesPerS = scenario.throughputPerS;
    const achievedGflops =
      flopsPerSample !== undefined && samplesPerS !== undefined ? (flopsPerSample * samplesPerS) / 1e9 : undefined;
    const status = parityFailed ? 'failed' : scenario.status;
    // --profile-ops: a short profiled pass after measuring, so the profiler never touches the figures.
    const opProfile =
      job.settings.profileOps && session.profileOps
        ? await session.profileOps(Array.from({ length: 8 }, (_, i) => samples.feeds([i]))).catch((err: unknown) => {
            progress(`${job.id}: op profile left out: ${String(err)}`);
            return undefined;
          })
        : undefined;
    // GPU jobs: upload, dispatch and readback of one query, over a short pass after measuring.
    const gpuPhases = computesOnGpu
      ? await measureGpuPhases(session, samples, job.scenario === 'offline' ? batch : 1)
      : undefined;
    await session.dispose();
    disposed = true;
    const leakedTensors = session.leakedTensors?.();
    return {
      ...scenario,
      status,
      ...(parityFailed
        ? {
            error: {
              code: 'E_PARITY',
              message: `outputs differ from ${parity.reference}${parity.reason ? `: ${parity.reason}` : `: max abs diff ${parity.maxAbsDiff}`}`,
            },
          }
        : {}),
      runtimeInfo,
      inputs,
      coldStart: { loadMs, sessionCreateMs, firstRunMs, warmRunMs },
      ...(knownFault ? { knownFault } : {}),
      parity,
      ...(precisionBlock ? { precision: precisionBlock } : {}),
      flops,
      achievedGflops,
      memory: { peakRssBytes, ...(leakedTensors !== undefined ? { leakedTensors } : {}) },
      ...(opProfile ? { opProfile } : {}),
      ...(energy ? { energy } : {}),
      ...(gpuPhases ? { gpuPhases } : {}),
      // Encoders timed at a sequence length (`mlbench model --seq`): tokens per second beside latency.
      ...(typeof job.workload.extra?.tokensPerSample === 'number'
        ? { tokensPerS: scenario.throughputPerS * job.workload.extra.tokensPerSample }
        : {}),
    };
  } finally {
    if (!disposed) await session.dispose();
  }
}
