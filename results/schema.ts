/**
 * The result file, schemaVersion 1. Validated with zod when written and when read.
 * Units sit in names (Ns, Ms, Bytes, PerS). Percentiles use the one method documented in
 * harness/measure/percentiles.ts. Job objects keep unknown keys (`loose`) so that a newer
 * minor addition is not lost by an older reader of the same schemaVersion.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1;

const num = z.number();
const nullableNum = z.number().nullable();

export const LatencySummarySchema = z.object({
  min: num,
  p50: num,
  p90: num,
  p95: num,
  p97: num,
  p99: num,
  p999: num,
  max: num,
  mean: num,
});

/** HDR histogram of latencies (hdr-histogram-js, compressed base64), kept when raw samples are capped. */
export const HistogramSchema = z.object({
  encoding: z.literal('hdr-histogram-js/base64'),
  data: z.string(),
  count: z.number().int(),
});

/** One server run of a --find-peak search (harness/scenarios/find-peak.ts). */
export const FindPeakStepSchema = z.object({ targetQps: num, achievedQps: num, p99Ns: num, valid: z.boolean() });

export const JobStatusSchema = z.enum([
  'ok',
  'invalid',
  'failed',
  'crashed',
  'timeout',
  'oom',
  'skipped',
  'unavailable',
]);
export const ScenarioSchema = z.enum(['single-stream', 'multi-stream', 'server', 'offline', 'accuracy']);

/** The machine's theoretical FP32 peak and the inputs it was computed from (harness/system/metadata.ts fp32PeakEstimate). */
export const Fp32PeakSchema = z.object({
  gflops: num,
  method: z.string(),
  cores: z.number().int(),
  clockGHz: num,
  clockSource: z.string(),
  isa: z.string(),
  lanes: num,
  fmaUnits: num,
  flopsPerCycle: num,
  /** The microarchitecture row FLOPs/cycle came from (harness/system/metadata.ts coreFp32). */
  uarch: z.string().optional(),
  /** [base, boost] clock as read (systeminformation speed, speedMax); the peak uses the highest. */
  clockRangeGHz: z.tuple([nullableNum, nullableNum]).optional(),
  /** Set when the CPU affinity (taskset, cpusets) allowed fewer CPUs than physical cores: `cores` is capped to it. */
  affinityCpus: z.number().int().optional(),
  /** A job's peak: the cores it could use (its runtime's threads), of `machineCores`. */
  machineCores: z.number().int().optional(),
});

/**
 * Generation jobs (harness/generation): the token block, one nested object added beside the
 * latency fields the way LoadGen adds FirstTokenComplete beside QuerySamplesComplete. TTFT is
 * issue -> first token, TPOT (latency - TTFT) / (output tokens - 1) per request (LoadGen's
 * definitions, loadgen/logging.cc); interTokenGapNs pools every gap of every request (vLLM's
 * "ITL"). `bandwidthFloor`: the memory-bandwidth floor of one decode step (bytes of weights and
 * KV cache read per token / measured bandwidth) and TPOT p50 against it.
 */
export const GenerationSchema = z
  .object({
    requests: z.number().int(),
    outputTokens: z.number().int(),
    inputTokens: z.number().int(),
    ttftNs: LatencySummarySchema,
    tpotNs: LatencySummarySchema.nullable(),
    interTokenGapNs: LatencySummarySchema.nullable(),
    outputTokensPerS: num,
    perRequest: z.object({
      ttftNs: z.array(num),
      tpotNs: z.array(nullableNum),
      outputTokens: z.array(z.number().int()),
    }),
    decoding: z.literal('greedy'),
    useCache: z.boolean(),
    bounds: z
      .object({ set: z.enum(['server', 'interactive']), ttftBoundNs: num, tpotBoundNs: num, percentile: num })
      .optional(),
    firstRequestTokens: z.array(z.number().int()),
    bandwidthFloor: z
      .object({
        weightsBytes: num,
        kvCacheBytesPerToken: num,
        bytesPerToken: num,
        bandwidthGBPerS: num,
        bandwidthSource: z.string(),
        floorTpotNs: num,
        percentOfFloor: num,
      })
      .optional(),
  })
  .loose();

/**
 * A WebGPU adapter (harness/system/gpu-adapter.ts): GPUAdapterInfo's vendor, architecture,
 * device, description; the driver named in the description; fallback (isFallbackAdapter) and
 * software (a CPU rasterizer such as llvmpipe: never ranked as a GPU).
 */
export const GpuAdapterSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  driver: z.string().nullable(),
  fallback: z.boolean(),
  software: z.boolean(),
  source: z.string(),
});

const NotExposedSchema = z.object({ source: z.literal('not exposed'), reason: z.string() });

/** Per-job energy and device memory; see JobResultFieldsSchema.energy. */
export const EnergySchema = z.object({
  cpu: z.union([
    z.object({ source: z.literal('rapl'), detail: z.string(), joules: num, joulesPerQuery: nullableNum }),
    NotExposedSchema,
  ]),
  gpu: z
    .union([
      z.object({
        source: z.literal('nvidia-smi'),
        detail: z.string(),
        samples: z.number().int(),
        intervalMs: num,
        peakDeviceMemoryBytes: nullableNum,
        baselineDeviceMemoryBytes: nullableNum,
        joules: nullableNum,
        joulesPerQuery: nullableNum,
        note: z.string().optional(),
      }),
      NotExposedSchema,
    ])
    .optional(),
});

/** A GPU query's phases; see JobResultFieldsSchema.gpuPhases. */
export const GpuPhasesSchema = z.union([
  z.object({
    method: z.string(),
    queries: z.number().int(),
    uploadMs: num,
    dispatchMs: num,
    readbackMs: num,
    totalMs: num,
  }),
  z.object({ method: z.literal('not measurable'), reason: z.string() }),
]);

/** The known fields of a job; the schema itself keeps unknown keys too (see JobResultSchema). */
const JobResultFieldsSchema = z.object({
  id: z.string(),
  suite: z.string(),
  workload: z.string(),
  kind: z.enum(['training', 'inference', 'generation']),
  /** Model description (zoo arch + params, or file path) so compare can tell a changed model. */
  model: z.record(z.string(), z.unknown()).optional(),
  runtime: z.object({
    id: z.string(),
    backend: z.string(),
    version: z.string().nullable(),
    threads: z.number().nullable(),
    options: z.record(z.string(), z.unknown()),
  }),
  scenario: ScenarioSchema,
  repeat: z.number().int(),
  status: JobStatusSchema,
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Effective settings of this job (run settings + workload overrides). */
  settings: z.record(z.string(), z.unknown()),
  /**
   * What each query was fed, per model input: its dims (symbolic ones resolved, e.g. by --shape),
   * dtype, a digest of given values (--input) and the range of generated values (--input-range).
   * compare, ab and history refuse to judge jobs fed differently (`not comparable`).
   */
  inputs: z
    .array(
      z.object({
        name: z.string(),
        dtype: z.string(),
        dims: z.array(z.number()),
        given: z.string().optional(),
        range: z.tuple([num, num]).optional(),
      }),
    )
    .optional(),
  startedAt: z.string(),
  wallMs: num,
  /** `preprocessing`: what was done to user data before encoding (e.g. missing-value imputation), one line each. */
  dataset: z
    .object({
      id: z.string(),
      slice: z.string(),
      rows: num,
      checksum: z.string(),
      preprocessing: z.array(z.string()).optional(),
    })
    .optional(),
  /**
   * loadMs: model build; sessionCreateMs: session creation (weight upload); firstRunMs: the first
   * query, which on a GPU runtime includes shader/pipeline compilation; warmRunMs: the second
   * query (warm), absent in files written before it was recorded.
   */
  coldStart: z.object({ loadMs: num, sessionCreateMs: num, firstRunMs: num, warmRunMs: num.optional() }).optional(),
  /** GPU jobs: the adapter the session ran on. */
  adapter: GpuAdapterSchema.optional(),
  /**
   * Energy and device memory over the measurement (harness/system/energy-tracker.ts): `gpu` (GPU
   * jobs) from nvidia-smi sampled every intervalMs (peak device memory is device-wide; joules by the
   * trapezoid rule), `cpu` from RAPL package 0; each `not exposed` with the reason where the
   * platform gives nothing. joulesPerQuery divides by the measured queries.
   */
  energy: EnergySchema.optional(),
  /**
   * GPU jobs: one query's time split into phases over a short pass after measuring
   * (harness/runtimes/gpu-phases.ts): uploadMs (inputs to the device), dispatchMs (kernels queued
   * until the device queue reports done), readbackMs (outputs to the host), medians over `queries`;
   * `method` names how; `not measurable` with the reason where the runtime hides the phases.
   */
  gpuPhases: GpuPhasesSchema.optional(),
  /** `--sweep batch=...` / `mlbench model --seq`: this job's point on the sweep axis, the workload it varies, and its runtime's device kind. */
  sweep: z
    .object({
      axis: z.enum(['batch', 'seq']),
      value: z.number().int(),
      base: z.string(),
      device: z.enum(['cpu', 'gpu']),
    })
    .optional(),
  /**
   * A parity failure that matches a known runtime fault (harness/models/known-faults.ts): the
   * runtime computes this op wrongly here, with the minimal repro that shows it.
   */
  knownFault: z
    .object({ id: z.string(), op: z.string(), signature: z.string(), message: z.string(), repro: z.string() })
    .optional(),
  latencyNs: LatencySummarySchema.optional(),
  /** Completed samples per second (a batch of b is b samples; LoadGen's samples/s). */
  throughputPerS: num.optional(),
  /** Completed queries per second over the same duration (throughputPerS / samples per query). */
  queriesPerS: num.optional(),
  queryCount: z.number().int().optional(),
  durationNs: num.optional(),
  /** Raw latency samples in ns, in issue order; capped at settings.maxSamplesRetained. */
  samplesNs: z.array(num).optional(),
  samplesCapped: z.boolean().optional(),
  histogramNs: HistogramSchema.optional(),
  /** The scenario's headline metric (LoadGen's "result"); `key` names the LoadGen key it is (e.g. early_stopping_latency_ss). */
  metric: z.object({ name: z.string(), value: num, unit: z.string(), key: z.string().optional() }).optional(),
  /**
   * LoadGen's detail-log values under LoadGen's key names (harness/scenarios/result.ts LoadGenKeys):
   * result_validity, result_<pp.pp>_percentile_latency_ns, early_stopping_latency_ss/_ms,
   * result_completed_samples_per_sec, result_scheduled_samples_per_sec, result_samples_per_second.
   */
  loadgen: z.record(z.string(), z.union([num, z.string(), z.boolean(), z.null()])).optional(),
  /**
   * Server: issue lateness of the load generator (issued - scheduled), ns; `unexplainedP99`: the
   * part the queue does not explain (issued - max(scheduled, last completion before the issue)).
   */
  issueLatenessNs: z.object({ p50: num, p99: num, max: num, unexplainedP99: num.optional() }).optional(),
  validity: z
    .object({
      valid: z.boolean(),
      /** VALID, INVALID, or UNSCORED (accuracy without labels; valid is false then). */
      result: z.enum(['VALID', 'INVALID', 'UNSCORED']).optional(),
      reasons: z.array(z.string()),
      recommendations: z.array(z.string()),
      /** Judged with minimums below LoadGen's: `relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024` (harness/scenarios/loadgen-minimums.ts). */
      relaxed: z.string().optional(),
    })
    .optional(),
  accuracy: z.object({ metric: z.string(), value: num, reference: nullableNum, ratio: nullableNum }).loose().optional(),
  /**
   * Output parity against an independent reference (harness/models/parity.ts): the float64 forward
   * pass of the architecture description, or for ONNX files ort-node:cpu with graph optimisations
   * off. The job that is the reference records `{checked: false, note: 'not checked (reference)'}`.
   */
  parity: z
    .union([
      z.object({
        reference: z.string(),
        maxAbsDiff: num,
        maxRelDiff: num,
        pass: z.boolean(),
        tolerance: num.optional(),
        reason: z.string().optional(),
        /** atol as a multiple of each output's RMS; the precision the tolerance was chosen for; what was compared (samples, batch). */
        atolRms: num.optional(),
        precision: z.enum(['fp32', 'fp16', 'int8']).optional(),
        checked: z.string().optional(),
        /** Per output: its own figures and verdict (`compared: logits` for softmax outputs). */
        outputs: z
          .array(
            z.object({
              name: z.string(),
              maxAbsDiff: num,
              maxRelDiff: num,
              rms: num,
              pass: z.boolean(),
              compared: z.enum(['values', 'logits']).optional(),
            }),
          )
          .optional(),
      }),
      z.object({ reference: z.string(), checked: z.literal(false), note: z.string() }),
    ])
    .optional(),
  /**
   * peakRssBytes: the job's peak RSS (a training job reports its own, sampled before serving).
   * peakRssWithServingBytes: a training job's peak including the serving checks that follow it.
   */
  /**
   * A zoo or trained model's precision (harness/models/precision) and its measured error against
   * the float64 reference over the samples parity compared: worst output's max/mean abs and rel
   * error, `normalizedMaxError` (max |a - r| / RMS(r), softmax outputs as centred logits) against
   * the stated `bound`, top-1 agreement of the first output's rows; per output in `outputs`.
   */
  precision: z
    .object({
      precision: z.enum(['fp32', 'fp16', 'int8', 'int8w']),
      scheme: z.string(),
      model: z.string(),
      reference: z.string(),
      bound: num,
      normalizedMaxError: num,
      withinBound: z.boolean(),
      maxAbsError: num,
      meanAbsError: num,
      maxRelError: num,
      meanRelError: num,
      top1Agreement: num,
      rows: z.number().int(),
      outputs: z.array(
        z.object({
          name: z.string(),
          maxAbsError: num,
          meanAbsError: num,
          maxRelError: num,
          meanRelError: num,
          normalizedMax: num,
          rms: num,
          top1Agree: num,
          rows: z.number().int(),
          compared: z.enum(['values', 'logits']),
        }),
      ),
    })
    .optional(),
  memory: z
    .object({
      peakRssBytes: nullableNum,
      peakRssWithServingBytes: nullableNum.optional(),
      leakedTensors: num.optional(),
    })
    .optional(),
  train: z
    .object({
      seconds: num,
      epochs: num,
      rowsPerS: num.optional(),
      loadSeconds: num.optional(),
      timeToTargetSeconds: nullableNum.optional(),
    })
    .loose()
    .optional(),
  /** Training jobs: the exported model (an architecture description with explicit weights). */
  trainedModel: z.object({ kind: z.literal('trained'), path: z.string(), sha256: z.string() }).optional(),
  flops: num.optional(),
  achievedGflops: num.optional(),
  /** Memory-bound micro ops: bytes moved per call / median call latency, in GB/s (1e9 bytes). */
  achievedGBPerS: num.optional(),
  /** Micro suite: the op, its size and tinybench's own figures (harness/micro). */
  micro: z
    .object({
      op: z.string(),
      params: z.record(z.string(), num),
      label: z.string(),
      bound: z.enum(['compute', 'memory']),
      bytes: num,
    })
    .loose()
    .optional(),
  /** Roofline: the machine's theoretical FP32 peak (machine.fp32Peak), in GFLOP/s. */
  peakGflops: num.optional(),
  /** Roofline: achievedGflops as a percentage of peakGflops (above 100: the peak's inputs are wrong, see peakWarning). */
  peakPercent: num.optional(),
  /** How peakGflops was computed, with its inputs. */
  peakEstimate: Fp32PeakSchema.optional(),
  /** Set when peakPercent > 100: says which inputs of the estimate must be wrong. */
  peakWarning: z.string().optional(),
  /** Beside the peak: the best measured matmul rate of this runtime on this machine (micro suite), GFLOP/s. */
  measuredPeakGflops: num.optional(),
  /** Where measuredPeakGflops came from: the micro job and its run (this run, or an earlier one of the same machine). */
  peakSource: z
    .object({ runId: z.string(), job: z.string(), sameRun: z.boolean(), file: z.string().optional() })
    .optional(),
  /** Human summary in the manner of LoadGen's summary log. */
  summary: z.string().optional(),
  /** Encoders timed at a sequence length (`mlbench model --seq`): tokens/s = samples/s x sequence length. */
  tokensPerS: num.optional(),
  /** Generation jobs: TTFT, TPOT, tokens/s and the bandwidth floor (GenerationSchema). */
  generation: GenerationSchema.optional(),
  /** Server --find-peak: every server run of the search and the highest VALID targetQps. */
  findPeak: z
    .object({
      steps: z.array(FindPeakStepSchema),
      peakQps: num,
    })
    .optional(),
  /**
   * `--profile-ops`: where a short pass after measuring spent its time, op by op (harness/runtimes/
   * op-profile.ts). source: `onnxruntime-profiler` (Node events of ORT's chrome-trace JSON) or
   * `tf.profile` (kernel times); ops: the top ops by total time, `share` of `totalMs` (0..1).
   */
  opProfile: z
    .object({
      source: z.string(),
      queries: z.number().int(),
      totalMs: num,
      ops: z.array(z.object({ op: z.string(), calls: z.number().int(), totalMs: num, share: num })),
    })
    .optional(),
});

export const JobResultSchema = JobResultFieldsSchema.loose();

export const MachineSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  cpu: z.object({
    brand: z.string(),
    manufacturer: z.string(),
    cores: z.number().int(),
    physicalCores: z.number().int(),
    speedGHz: nullableNum,
    flags: z.array(z.string()),
    /** The CPUs the run's process could use (taskset, cpusets), and where that was read (harness/system/affinity.ts). */
    affinity: z.array(z.number().int()).optional(),
    affinitySource: z.string().optional(),
  }),
  memoryBytes: num,
  /** Theoretical FP32 peak of the CPU, null when the clock is unknown (absent in older files). */
  fp32Peak: Fp32PeakSchema.nullable().optional(),
  /** Why there is no fp32Peak: the clock or the microarchitecture is unknown (no "% of peak" then). */
  fp32PeakUnknown: z.string().optional(),
  os: z.object({ platform: z.string(), distro: z.string(), release: z.string(), kernel: z.string(), arch: z.string() }),
  virtualization: z.string().nullable(),
  /**
   * GPUs the probe found: nvidia-smi where present, else the WebGPU adapter (with its adapter
   * facts and `software` for a CPU rasterizer), else systeminformation's display controllers.
   */
  gpus: z.array(
    z.object({
      vendor: z.string(),
      model: z.string(),
      vramMb: nullableNum,
      source: z.string().optional(),
      driver: z.string().nullable().optional(),
      software: z.boolean().optional(),
      adapter: GpuAdapterSchema.optional(),
    }),
  ),
  node: z.string(),
  v8: z.string(),
  packages: z.record(z.string(), z.string().nullable()),
  loadAverage: z.array(num),
  mlperf: z.object({
    host_processor_model_name: z.string(),
    host_processor_core_count: z.number().int(),
    host_memory_capacity: z.string(),
    accelerator_model_name: z.string(),
    accelerators_per_node: z.number().int(),
    framework: z.string(),
    operating_system: z.string(),
  }),
});

export const ResultFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  command: z.string(),
  settings: z.record(z.string(), z.unknown()),
  machine: MachineSchema,
  /** The git checkout mlbench ran in (HEAD and uncommitted tracked changes); absent outside one. */
  git: z.object({ commit: z.string(), dirty: z.boolean() }).optional(),
  /**
   * The run's plan as data (harness/cli/execute-plan.ts): the command's arguments after `mlbench`
   * as parsed (resume replays these, not a re-split command line), the planned job ids, and the
   * run's choices (profile, suites, runtimes, scenarios, results folder, shard, sweep, mergedFrom;
   * results/run-choices.ts), which older files kept inside `settings`.
   */
  plan: z
    .object({
      command: z.string(),
      args: z.array(z.string()),
      jobs: z.array(z.string()),
      choices: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  jobs: z.array(JobResultSchema),
});

export type JobResult = z.infer<typeof JobResultSchema>;
/** A job's known fields only (no index signature), for code that builds or picks them. */
export type JobResultFields = z.infer<typeof JobResultFieldsSchema>;
export type Machine = z.infer<typeof MachineSchema>;
export type ResultFile = z.infer<typeof ResultFileSchema>;
export type LatencySummary = z.infer<typeof LatencySummarySchema>;
/** One server run of a --find-peak search. */
export type FindPeakStep = z.infer<typeof FindPeakStepSchema>;
