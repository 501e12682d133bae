/**
 * ort-node overhead benchmark (not a test): single-stream latency of a zoo model on
 * `ort-node:cpu` measured through mlbench (a real job: its own process, the runtime adapter,
 * the harness tensors, the single-stream runner and its recorder) against a hand-written loop
 * over `session.run` on the same ONNX bytes and the same inputs, also in a fresh process.
 * Rounds alternate the two (the order flips every round) so drift and noise hit both alike.
 * The figure is the median over rounds of the ratio of p50 latencies (mlbench / hand loop),
 * printed with the ratio of mean time per query. Goal: <= 1.02.
 *
 *   npm run bench:ort-overhead [-- <rounds> <queriesPerRound> <arch>]
 *
 * The same file is the hand-written loop when started with `--loop <json>`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultSettings } from '../harness/config/settings.js';
import { runJob } from '../harness/isolate/runner.js';
import { median } from '../harness/measure/percentiles.js';
import { buildModel } from '../harness/models/build-model.js';
import { importOrtNode } from '../harness/runtimes/ort-node.js';
import { randomSamples } from '../harness/scenarios/samples.js';
import type { Job, ModelRef, ScenarioId } from '../harness/types.js';

const SEED = 42;
const SAMPLES = 256;

/** The zoo models of the quick zoo suite, batch 1. */
const MODELS: Record<string, ModelRef> = {
  mobilenet: {
    kind: 'zoo',
    arch: 'mobilenet',
    params: { resolution: 64, width: 16, depth: 7, classes: 100 },
    seed: 11,
  },
  resnet: { kind: 'zoo', arch: 'resnet', params: { resolution: 64, width: 16, depth: 3, classes: 100 }, seed: 11 },
};

interface LoopRequest {
  model: ModelRef;
  queries: number;
  warmup: number;
}
interface Round {
  p50Ns: number;
  perQueryNs: number;
}

/** The hand-written loop: onnxruntime-node as a user would call it, nothing of mlbench's in the timed part. */
async function handLoop(req: LoopRequest): Promise<Round> {
  const ort = await importOrtNode();
  const model = await buildModel(req.model);
  const session = await ort.InferenceSession.create(model.onnx, {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });
  const samples = randomSamples(model.inputs, SAMPLES, SEED);
  const name = model.inputs[0]!.name;
  const feeds = Array.from({ length: SAMPLES }, (_, i) => {
    const t = samples.feeds([i])[name]!;
    return { [name]: new ort.Tensor('float32', t.data as Float32Array, t.dims) };
  });
  for (let i = 0; i < req.warmup; i++) await session.run(feeds[i % SAMPLES]! as never);
  const latencies = new Float64Array(req.queries);
  const start = process.hrtime.bigint();
  for (let i = 0; i < req.queries; i++) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds[i % SAMPLES]! as never);
    latencies[i] = Number(process.hrtime.bigint() - t0);
  }
  const total = Number(process.hrtime.bigint() - start);
  await session.release();
  return { p50Ns: median(latencies), perQueryNs: total / req.queries };
}

async function viaHandLoop(req: LoopRequest): Promise<Round> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [fileURLToPath(import.meta.url), '--loop', JSON.stringify(req)],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as Round;
}

async function viaMlbench(req: LoopRequest, round: number): Promise<Round> {
  const settings = {
    ...defaultSettings(),
    minQueryCount: req.queries,
    minDurationMs: 0,
    warmupQueries: req.warmup,
    warmupMs: 0,
    maxSamplesRetained: req.queries,
    seed: SEED,
  };
  const job: Job = {
    id: `bench/ort-overhead/ort-node:cpu/single-stream#${round}`,
    suite: 'bench',
    workload: {
      id: 'ort-overhead',
      kind: 'inference',
      description: 'ort-node overhead',
      model: req.model,
      scenarios: ['single-stream'],
    },
    runtime: 'ort-node:cpu',
    scenario: 'single-stream' as ScenarioId,
    repeat: round,
    settings,
  };
  const r = await runJob(job);
  if (!r.latencyNs || !r.queryCount || !r.durationNs)
    throw new Error(`mlbench job ended ${r.status}: ${r.error?.message ?? 'no latency'}`);
  return { p50Ns: r.latencyNs.p50, perQueryNs: r.durationNs / r.queryCount };
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 9);
  const queries = Number(process.argv[3] ?? 3000);
  const arch = process.argv[4] ?? 'mobilenet';
  const model = MODELS[arch];
  if (!model) throw new Error(`unknown arch ${arch}; choose ${Object.keys(MODELS).join(', ')}`);
  const req: LoopRequest = { model, queries, warmup: 200 };
  process.stdout.write(
    `ort-node:cpu single-stream, zoo ${arch} (quick size), ${rounds} rounds x ${queries} queries, each side in a fresh process\n`,
  );
  const p50Ratios: number[] = [];
  const meanRatios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0;
    const a = first ? await viaMlbench(req, i) : undefined;
    const b = await viaHandLoop(req);
    const m = a ?? (await viaMlbench(req, i));
    p50Ratios.push(m.p50Ns / b.p50Ns);
    meanRatios.push(m.perQueryNs / b.perQueryNs);
    process.stdout.write(
      `round ${i + 1}: mlbench p50 ${(m.p50Ns / 1e3).toFixed(1)} us, hand loop p50 ${(b.p50Ns / 1e3).toFixed(1)} us, ratio ${p50Ratios[i]!.toFixed(3)} (per query mean ${meanRatios[i]!.toFixed(3)})\n`,
    );
  }
  const p50 = median(p50Ratios);
  process.stdout.write(
    `\nmedian ratio mlbench / hand loop: p50 ${p50.toFixed(3)}, mean per query ${median(meanRatios).toFixed(3)} (goal <= 1.02: ${p50 <= 1.02 ? 'met' : 'NOT met'})\n`,
  );
}

if (process.argv[2] === '--loop') {
  handLoop(JSON.parse(process.argv[3]!) as LoopRequest).then((r) => process.stdout.write(JSON.stringify(r)));
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
