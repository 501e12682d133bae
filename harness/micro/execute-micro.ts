/**
 * The job process's side of a micro job: create the op's session (cold start), then time a fixed
 * loop of `session.run` with tinybench, whose Task/Bench model is exactly that loop. tinybench
 * runs until both `time` and `iterations` are met, after its own warm-up; we map the job's
 * LoadGen-named settings onto it: minDurationMs -> time, minQueryCount -> iterations,
 * warmupMs -> warmupTime, warmupQueries -> warmupIterations.
 *
 * Figures: each measured call is timed around `session.run` and recorded, in issue order, in a
 * LatencyRecorder (measure/histogram.ts, as the scenarios do); the same duration is handed to
 * tinybench (`overriddenDuration`), so its statistics describe the same samples. tinybench's
 * own sample list is sorted, so it is not what the result keeps: a prefix of it would be the
 * fastest calls. Latency percentiles, the raw samples (the first maxSamplesRetained in issue
 * order) and the histogram come from the recorder. GFLOP/s and GB/s divide one call's work by
 * the *median* call latency, which a noisy shared machine disturbs less than the mean;
 * throughputPerS is calls / total measured time.
 */
import { Bench } from 'tinybench';
import { LatencyRecorder } from '../measure/histogram.js';
import { createRuntime } from '../runtimes/index.js';
import type { Job } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { createMicroSession } from './op-session.js';
import { resolveMicroOp } from './ops.js';

const msSince = (t0: number) => performance.now() - t0;

/** What a micro job adds to its JobResult (`micro` in results/schema.ts). */
export interface MicroFacts {
  op: string;
  params: Record<string, number>;
  label: string;
  bound: 'compute' | 'memory';
  /** Bytes one call reads and writes (ops.ts counting rules). */
  bytes: number;
  /** The tinybench figures as tinybench reports them (for cross-checking). */
  tinybench: { samples: number; rmePct: number; meanMs: number; totalTimeMs: number };
}

export async function executeMicroJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  const ref = job.workload.model;
  if (ref.kind !== 'micro') throw new Error(`executeMicroJob: model kind ${ref.kind} is not micro`);
  // STREAM-like copy: the host's memory bandwidth (the decode floor of generation jobs), no runtime op.
  if (ref.op === 'streamCopy') return (await import('./stream-copy.js')).streamCopyOutcome(ref.params);
  const { op, params } = resolveMicroOp(ref.op, ref.params);
  const runtime = await createRuntime(job.runtime);
  const probe = await runtime.probe();
  if (!probe.available) {
    return {
      status: 'unavailable',
      error: { code: 'E_RUNTIME', message: probe.reason ?? `${job.runtime} is not available here` },
    };
  }
  const s = job.settings;
  let t0 = performance.now();
  const { session, info, feeds } = await createMicroSession(job.runtime, runtime, op, params, s, s.seed);
  const sessionCreateMs = msSince(t0);
  try {
    t0 = performance.now();
    await session.run(feeds);
    const firstRunMs = msSince(t0);
    progress(`${job.id}: tinybench ${op.id} ${op.label(params)}`);

    const bench = new Bench({
      time: s.minDurationMs,
      iterations: s.minQueryCount,
      warmupTime: s.warmupMs,
      warmupIterations: s.warmupQueries,
      throws: true,
    });
    const recorder = new LatencyRecorder(s.maxSamplesRetained);
    let measuring = false;
    bench.add(
      `${op.id} ${op.label(params)}`,
      async () => {
        const start = bench.now();
        await session.run(feeds);
        const ms = bench.now() - start;
        if (measuring) recorder.record(ms * 1e6);
        return { overriddenDuration: ms };
      },
      {
        // Warm-up calls are not recorded: only the measured phase ('run') is.
        beforeAll(mode) {
          measuring = mode === 'run';
        },
        afterAll() {
          measuring = false;
        },
      },
    );
    const [task] = await bench.run();
    const result = task!.result;
    if (result.state !== 'completed') {
      const message = result.state === 'errored' ? result.error.message : `tinybench ended ${result.state}`;
      return { status: 'failed', error: { code: 'E_RUNTIME', message } };
    }
    const latencyNs = recorder.summary();
    const flops = op.flops(params);
    const bytes = op.bytes(params);
    const medianS = latencyNs.p50 / 1e9;
    const achievedGflops = flops > 0 ? flops / medianS / 1e9 : undefined;
    const achievedGBPerS = bytes / medianS / 1e9;
    const micro: MicroFacts = {
      op: op.id,
      params,
      label: op.label(params),
      bound: op.bound,
      bytes,
      tinybench: {
        samples: result.latency.samplesCount,
        rmePct: result.latency.rme,
        meanMs: result.latency.mean,
        totalTimeMs: result.totalTime,
      },
    };
    return {
      status: 'ok',
      runtimeInfo: { version: probe.version, threads: info.threads, options: info.options },
      coldStart: { loadMs: 0, sessionCreateMs, firstRunMs },
      latencyNs,
      throughputPerS: result.latency.samplesCount / (result.totalTime / 1000),
      queryCount: result.latency.samplesCount,
      durationNs: result.totalTime * 1e6,
      samplesNs: recorder.samplesNs(),
      samplesCapped: recorder.capped,
      histogramNs: recorder.encode(),
      metric:
        op.bound === 'compute'
          ? { name: 'GFLOP/s (median call)', value: achievedGflops!, unit: 'GFLOP/s' }
          : { name: 'GB/s (median call)', value: achievedGBPerS, unit: 'GB/s' },
      ...(flops > 0 ? { flops, achievedGflops } : {}),
      achievedGBPerS,
      micro: { ...micro },
    };
  } finally {
    await session.dispose();
  }
}
