/**
 * `npm run bench:llm`: small-LLM generation per runtime, with LoadGen's token metrics.
 * For each runtime (ort-node:cpu, ort-web:wasm, tfjs:cpu, tfjs:wasm; those whose session cannot
 * generate are listed with the reason) it prints:
 * - a single-stream generation run (harness/generation/scenarios.ts): TTFT p50/p99, TPOT p50/p99
 *   and output tokens/s, and the decode bandwidth floor (weights + KV cache bytes per token /
 *   STREAM-like copy bandwidth) with TPOT p50's percentage of it;
 * - TPOT with the KV cache vs without (every step recomputes the whole prefix) at cache
 *   positions 16, 64 and 128: a prompt of that length, then `steps` decode steps, the median
 *   step over `repeats` requests. With the cache a step reads a cache that grows by one row, so TPOT stays
 *   flat (checked: max/min within 25 %); without it each step redoes the whole prefix, so TPOT grows.
 * The model is the zoo's `gpt` at the profile's size, or `--model decoder.onnx` (optimum layout).
 * A benchmark, never a test: it prints, and exits 0 whatever the figures.
 *
 *   npm run bench:llm -- [--profile quick|standard] [--runtime ids] [--model decoder.onnx]
 */
import path from 'node:path';
import { bandwidthFloor } from '../harness/generation/bandwidth-floor.js';
import { decoderLayout } from '../harness/generation/decoder-layout.js';
import { weightsBytes } from '../harness/generation/execute-generation.js';
import { runGenerationScenario } from '../harness/generation/scenarios.js';
import { realClock } from '../harness/measure/clock.js';
import { median } from '../harness/measure/percentiles.js';
import { measureCopyBandwidth } from '../harness/micro/stream-copy.js';
import { buildModel } from '../harness/models/index.js';
import { createRuntime } from '../harness/runtimes/index.js';
import type { ModelRef, Session, SettingsInput } from '../harness/types.js';

function arg(name: string, fallback: string | undefined): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** Per profile: the zoo gpt's size, the run's lengths and counts. quick is a smoke test. */
const PROFILES = {
  quick: { gpt: { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 512, context: 256 }, requests: 4, inputTokens: 16, outputTokens: 8, steps: 4, repeats: 2, positions: [16, 64, 128] },
  standard: { gpt: { layers: 4, hidden: 256, heads: 4, intermediate: 1024, vocab: 8192, context: 256 }, requests: 12, inputTokens: 32, outputTokens: 32, steps: 8, repeats: 3, positions: [16, 64, 128] },
} as const;

const profile = (arg('profile', 'standard') ?? 'standard') as keyof typeof PROFILES;
const p = PROFILES[profile] ?? PROFILES.standard;
const runtimes = (arg('runtime', 'ort-node:cpu,ort-web:wasm,tfjs:cpu,tfjs:wasm') ?? '').split(',');
const file = arg('model', undefined);
const ref: ModelRef = file ? { kind: 'file', path: path.resolve(file) } : { kind: 'zoo', arch: 'gpt', params: { ...p.gpt }, seed: 1 };

const model = await buildModel(ref).catch((err: Error) => {
  process.stdout.write(`bench:llm: cannot build ${file ?? 'the zoo gpt'}: ${err.message}\n${file ? '' : 'The zoo gpt comes with the transformers models; pass --model decoder.onnx (optimum layout) to bench another decoder.\n'}`);
  process.exit(0);
});
const layout = decoderLayout(model.decoderWithPast?.inputs ?? model.inputs, model.decoderWithPast?.outputs ?? model.outputs, file ?? 'zoo gpt');
const vocab = layout.vocab ?? 0;
const weights = await weightsBytes(model);
const bandwidth = measureCopyBandwidth();
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
process.stdout.write(`bench:llm --profile ${profile}: ${file ?? `zoo gpt ${JSON.stringify(p.gpt)}`}, ${layout.layers} layers, ${layout.cache[0]!.heads} heads x ${layout.cache[0]!.headDim}, vocab ${vocab}, weights ${mib(weights)}\n`);
process.stdout.write(`memory bandwidth: ${bandwidth.gbPerS.toFixed(2)} GB/s (${bandwidth.method})\n`);
process.stdout.write(`single-stream: ${p.requests} requests of ${p.inputTokens} prompt + ${p.outputTokens} output tokens, greedy; TPOT sweep: ${p.steps} decode steps after a prompt of each position, median step of ${p.repeats} requests\n\n`);

/**
 * TPOT (ns) at each cache position: the median of every inter-token gap (each one decode step)
 * of `repeats` requests per position that generate `steps` tokens after a `position`-token
 * prompt. Positions are interleaved (16, 64, 128, 16, 64, 128, ...) so drifting load on a shared
 * machine falls on every position alike, and the median of pooled gaps moves little for one slow step.
 */
async function tpotByPosition(session: Session, useCache: boolean): Promise<number[]> {
  const gaps: number[][] = p.positions.map(() => []);
  for (let r = 0; r < p.repeats; r++) {
    for (const [k, position] of p.positions.entries()) {
      const inputIds = Array.from({ length: position }, (_, i) => (i * 7919 + r) % vocab);
      const times: bigint[] = [];
      await session.generate!({ inputIds, outputTokens: p.steps + 1, useCache }, () => times.push(realClock.nowNs()));
      for (let i = 1; i < times.length; i++) gaps[k]!.push(Number(times[i]! - times[i - 1]!));
    }
  }
  return gaps.map((g) => median(g));
}

/** One cached and one uncached request at `position`, discarded. */
async function tpotAtWarm(session: Session, position: number): Promise<void> {
  const inputIds = Array.from({ length: position }, (_, i) => (i * 104729) % vocab);
  await session.generate!({ inputIds, outputTokens: p.steps + 1, useCache: true }, () => undefined);
  await session.generate!({ inputIds, outputTokens: 2, useCache: false }, () => undefined);
}

const ms = (ns: number | undefined | null) => (ns === undefined || ns === null ? 'n/a' : ns < 1e6 ? `${(ns / 1e3).toFixed(1)} µs` : `${(ns / 1e6).toFixed(2)} ms`);
const rows: string[][] = [];
const sweep: string[][] = [];
const verdicts: string[] = [];
for (const id of runtimes) {
  const started = performance.now();
  let session: Session | undefined;
  try {
    const runtime = await createRuntime(id);
    const probe = await runtime.probe();
    if (!probe.available) {
      rows.push([id, `unavailable: ${probe.reason ?? ''}`]);
      continue;
    }
    session = (await runtime.load(model, {})).session;
    if (!session.generate) {
      rows.push([id, 'no generate: its session has no KV-cache decode loop for this model']);
      continue;
    }
    const settings: SettingsInput = {
      minQueryCount: p.requests, minDurationMs: 0, maxDurationMs: 300_000, 'gen.warmupRequests': 1,
      'gen.inputTokens': p.inputTokens, 'gen.outputTokens': p.outputTokens, ...(vocab ? {} : { 'gen.vocabSize': 1000 }),
    };
    const r = await runGenerationScenario('single-stream', session, vocab, settings);
    const g = r.generation;
    const floor = g.tpotNs ? bandwidthFloor({ weightsBytes: weights, layout, meanInputTokens: p.inputTokens, meanOutputTokens: p.outputTokens, bandwidthGBPerS: bandwidth.gbPerS, bandwidthSource: bandwidth.method, tpotP50Ns: g.tpotNs.p50 }) : undefined;
    rows.push([id, ms(g.ttftNs.p50), ms(g.ttftNs.p99), ms(g.tpotNs?.p50), ms(g.tpotNs?.p99), g.outputTokensPerS.toFixed(1), floor ? ms(floor.floorTpotNs) : 'n/a', floor ? `${floor.percentOfFloor.toFixed(1)} %` : 'n/a']);
    // Warm both paths at the largest position first: the first long sequence grows wasm memory and
    // tensor pools, which would otherwise land on the first (shortest) position measured.
    await tpotAtWarm(session, Math.max(...p.positions));
    const cached = await tpotByPosition(session, true);
    const uncached = await tpotByPosition(session, false);
    for (const [k, position] of p.positions.entries()) sweep.push([id, String(position), ms(cached[k]), ms(uncached[k]), `x${(uncached[k]! / cached[k]!).toFixed(1)}`]);
    const spread = Math.max(...cached) / Math.min(...cached);
    verdicts.push(`${id}: cached TPOT max/min over positions ${spread.toFixed(2)} (${spread <= 1.25 ? 'flat within 25 %: yes' : 'NOT flat within 25 %'}); uncached TPOT ${uncached.at(-1)! > uncached[0]! ? 'grows' : 'does NOT grow'} from ${ms(uncached[0])} to ${ms(uncached.at(-1))}  [${((performance.now() - started) / 1000).toFixed(0)} s]`);
  } catch (err) {
    rows.push([id, `failed: ${(err as Error).message.split('\n')[0]}`]);
  } finally {
    await session?.dispose();
  }
}

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r.length === 2 && i > 0 ? 0 : (r[i] ?? '').length))));
  const line = (r: string[]) => (r.length === 2 ? `${r[0]!.padEnd(widths[0]!)}  ${r[1]}` : r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

process.stdout.write(`${table(['runtime', 'TTFT p50', 'TTFT p99', 'TPOT p50', 'TPOT p99', 'tokens/s', 'bandwidth floor', '% of floor'], rows)}\n\n`);
process.stdout.write(`TPOT with the KV cache vs without (whole prefix recomputed), by cache position:\n${table(['runtime', 'position', 'cached', 'uncached', 'uncached/cached'], sweep)}\n\n${verdicts.join('\n')}\n`);
