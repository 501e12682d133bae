/**
 * `npm run bench:llm`: small-LLM generation per runtime, with LoadGen's token metrics.
 * For each runtime (ort-node:cpu, ort-web:wasm, tfjs:cpu, tfjs:wasm; those whose session cannot
 * generate are listed with the reason) it prints:
 * - a single-stream generation run (harness/generation/scenarios.ts): TTFT p50/p99, TPOT p50/p99
 *   and output tokens/s, and the decode bandwidth floor (weights + KV cache bytes per token /
 *   STREAM-like copy bandwidth) with TPOT p50's percentage of it;
 * - TPOT with the KV cache vs without (every step recomputes the whole prefix) at cache
 *   positions 16, 64 and 128 (harness/generation/tpot-position.ts). Cached: the `steps` decode
 *   steps at P..P+steps-1 cached rows of one long request that passes every position, repeated
 *   until each position has `minGaps` gaps summing to `minGapMs` (at least 3 requests, at most
 *   `maxMs`); the median of pooled gaps with its quartiles, and max/min over positions with a 95 %
 *   bootstrap interval, beside the ratio the model's FLOPs and bytes per step predict. With the
 *   cache a step adds one row of attention to fixed weight work, so TPOT stays nearly flat
 *   (checked: max/min within 25 %); uncached (a prompt of P, then `uncached.steps` steps, each
 *   recomputing the whole prefix, `uncached.repeats` requests), TPOT grows.
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
import {
  bootstrapRatio,
  expectedRatios,
  gapSpread,
  sweepOutputTokens,
  sweepPromptTokens,
  windowGaps,
} from '../harness/generation/tpot-position.js';
import { realClock } from '../harness/measure/clock.js';
import { median } from '../harness/measure/percentiles.js';
import { measureCopyBandwidth } from '../harness/micro/stream-copy.js';
import { buildModel } from '../harness/models/index.js';
import { transformerConfig } from '../harness/models/transformer/config.js';
import { createRuntime } from '../harness/runtimes/index.js';
import type { ModelRef, Session, SettingsInput } from '../harness/types.js';

function arg(name: string, fallback: string | undefined): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * Per profile: the zoo gpt's size, the run's lengths and counts. quick is a smoke test. The
 * cached sweep is sized by time (a ~1 ms step needs hundreds of gaps to settle its median on a
 * shared machine) and capped (a ~15 ms step reaches `minGaps` first); the uncached one grows
 * several-fold, so few steps tell.
 */
const PROFILES = {
  quick: {
    gpt: { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 512, context: 256 },
    requests: 4,
    inputTokens: 16,
    outputTokens: 8,
    positions: [16, 64, 128],
    steps: 4,
    sweep: { minGaps: 8, minGapMs: 10, maxMs: 5_000 },
    uncached: { steps: 2, repeats: 1 },
  },
  standard: {
    gpt: { layers: 4, hidden: 256, heads: 4, intermediate: 1024, vocab: 32000, context: 256 },
    requests: 12,
    inputTokens: 32,
    outputTokens: 32,
    positions: [16, 64, 128],
    steps: 8,
    sweep: { minGaps: 64, minGapMs: 500, maxMs: 20_000 },
    uncached: { steps: 4, repeats: 2 },
  },
} as const;
/** Whole-cache reads or writes per cached step in the copy-heaviest loop, ort-web's: JS to wasm heap 2, Concat 2, attention 1, back to JS 2 (ort-node 5: its inputs are not copied; tfjs 3: its cache stays in tfjs). */
const CACHE_TOUCHES = 7;

const profile = (arg('profile', 'standard') ?? 'standard') as keyof typeof PROFILES;
const p = PROFILES[profile] ?? PROFILES.standard;
const runtimes = (arg('runtime', 'ort-node:cpu,ort-web:wasm,tfjs:cpu,tfjs:wasm') ?? '').split(',');
const file = arg('model', undefined);
const ref: ModelRef = file
  ? { kind: 'file', path: path.resolve(file) }
  : { kind: 'zoo', arch: 'gpt', params: { ...p.gpt }, seed: 1 };

const benchStarted = performance.now();
const model = await buildModel(ref).catch((err: Error) => {
  process.stdout.write(
    `bench:llm: cannot build ${file ?? 'the zoo gpt'}: ${err.message}\n${file ? '' : 'The zoo gpt comes with the transformers models; pass --model decoder.onnx (optimum layout) to bench another decoder.\n'}`,
  );
  process.exit(0);
});
const layout = decoderLayout(
  model.decoderWithPast?.inputs ?? model.inputs,
  model.decoderWithPast?.outputs ?? model.outputs,
  file ?? 'zoo gpt',
);
const vocab = layout.vocab ?? 0;
const weights = await weightsBytes(model);
const bandwidth = measureCopyBandwidth();
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
process.stdout.write(
  `bench:llm --profile ${profile}: ${file ?? `zoo gpt ${JSON.stringify(p.gpt)}`}, ${layout.layers} layers, ${layout.cache[0]!.heads} heads x ${layout.cache[0]!.headDim}, vocab ${vocab}, weights ${mib(weights)}\n`,
);
process.stdout.write(`memory bandwidth: ${bandwidth.gbPerS.toFixed(2)} GB/s (${bandwidth.method})\n`);
const prompt = sweepPromptTokens(p.positions);
const sweepTokens = sweepOutputTokens(p.positions, p.steps);
const expected = expectedRatios({
  config: file ? null : transformerConfig('gpt', p.gpt),
  weightsBytes: weights,
  layout,
  positions: p.positions,
  steps: p.steps,
  uncachedSteps: p.uncached.steps,
  cacheTouches: CACHE_TOUCHES,
});
const x = (r: number | null) => (r === null ? 'n/a' : `x${r.toFixed(2)}`);
process.stdout.write(
  `single-stream: ${p.requests} requests of ${p.inputTokens} prompt + ${p.outputTokens} output tokens, greedy\n`,
);
process.stdout.write(
  `TPOT sweep, cached: the ${p.steps} decode steps at each position of requests of ${prompt} prompt + ${sweepTokens} output tokens, until every position has >= ${p.sweep.minGaps} gaps and >= ${p.sweep.minGapMs} ms of them (3 requests at least, ${p.sweep.maxMs / 1000} s at most); median of pooled gaps. Uncached: a prompt of each position + ${p.uncached.steps} steps, ${p.uncached.repeats} request(s)\n`,
);
process.stdout.write(
  `expected cached TPOT max/min over positions ${p.positions.join(', ')} from the arithmetic per step: ${x(expected.flops)} (FLOPs), ${x(expected.bytesCacheOnce)} (bytes: weights + KV cache read once), ${x(expected.bytesCacheTouched)} (cache read or written ${CACHE_TOUCHES} times: copy in, Concat, attention, copy out); uncached growth ${x(expected.uncachedGrowth)} (FLOPs)\n\n`,
);

/** Token times (ns) of one greedy request of `outputTokens` tokens after a `promptTokens` prompt. */
async function tokenTimes(
  session: Session,
  promptTokens: number,
  outputTokens: number,
  useCache: boolean,
  salt: number,
): Promise<bigint[]> {
  const inputIds = Array.from({ length: promptTokens }, (_, i) => (i * 7919 + salt) % vocab);
  const times: bigint[] = [];
  await session.generate!({ inputIds, outputTokens, useCache }, () => times.push(realClock.nowNs()));
  return times;
}

/**
 * Cached decode-step gaps (ns) at each position's window, pooled over long requests that each
 * pass every position (so positions interleave within ~one request's time), until every
 * position has `minGaps` gaps summing to `minGapMs` ms, after 3 requests at least, within `maxMs`.
 */
async function cachedSweep(session: Session): Promise<{ gaps: number[][]; requests: number }> {
  const gaps: number[][] = p.positions.map(() => []);
  const started = performance.now();
  const settled = (g: number[]) =>
    g.length >= p.sweep.minGaps && g.reduce((a, b) => a + b, 0) >= p.sweep.minGapMs * 1e6;
  let requests = 0;
  while (requests < 3 || (!gaps.every(settled) && performance.now() - started < p.sweep.maxMs)) {
    const windows = windowGaps(
      await tokenTimes(session, prompt, sweepTokens, true, requests),
      prompt,
      p.positions,
      p.steps,
    );
    windows.forEach((w, k) => gaps[k]!.push(...w));
    requests++;
  }
  return { gaps, requests };
}

/** Uncached TPOT (ns) at each position: the median gap of `uncached.repeats` requests per position, positions interleaved. */
async function uncachedTpot(session: Session): Promise<number[]> {
  const gaps: number[][] = p.positions.map(() => []);
  for (let r = 0; r < p.uncached.repeats; r++) {
    for (const [k, position] of p.positions.entries()) {
      const times = await tokenTimes(session, position, p.uncached.steps + 1, false, r);
      for (let i = 1; i < times.length; i++) gaps[k]!.push(Number(times[i]! - times[i - 1]!));
    }
  }
  return gaps.map((g) => median(g));
}

const ms = (ns: number | undefined | null) =>
  ns === undefined || ns === null ? 'n/a' : ns < 1e6 ? `${(ns / 1e3).toFixed(1)} µs` : `${(ns / 1e6).toFixed(2)} ms`;
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
      minQueryCount: p.requests,
      minDurationMs: 0,
      maxDurationMs: 300_000,
      'gen.warmupRequests': 1,
      'gen.inputTokens': p.inputTokens,
      'gen.outputTokens': p.outputTokens,
      ...(vocab ? {} : { 'gen.vocabSize': 1000 }),
    };
    const r = await runGenerationScenario('single-stream', session, vocab, settings);
    const g = r.generation;
    const floor = g.tpotNs
      ? bandwidthFloor({
          weightsBytes: weights,
          layout,
          meanInputTokens: p.inputTokens,
          meanOutputTokens: p.outputTokens,
          bandwidthGBPerS: bandwidth.gbPerS,
          bandwidthSource: bandwidth.method,
          tpotP50Ns: g.tpotNs.p50,
        })
      : undefined;
    rows.push([
      id,
      ms(g.ttftNs.p50),
      ms(g.ttftNs.p99),
      ms(g.tpotNs?.p50),
      ms(g.tpotNs?.p99),
      g.outputTokensPerS.toFixed(1),
      floor ? ms(floor.floorTpotNs) : 'n/a',
      floor ? `${floor.percentOfFloor.toFixed(1)} %` : 'n/a',
    ]);
    // Warm both paths at the largest position first: the first long sequence grows wasm memory and
    // tensor pools, which would otherwise land on the first (shortest) position measured.
    await tokenTimes(session, prompt, sweepTokens, true, 104729);
    await tokenTimes(session, Math.max(...p.positions), 2, false, 104729);
    const sweepStarted = performance.now();
    const cached = await cachedSweep(session);
    const sweepS = (performance.now() - sweepStarted) / 1000;
    const uncached = await uncachedTpot(session);
    const spreads = cached.gaps.map(gapSpread);
    for (const [k, position] of p.positions.entries()) {
      const s = spreads[k]!;
      sweep.push([
        id,
        String(position),
        ms(s.medianNs),
        `${ms(s.q1Ns)} - ${ms(s.q3Ns)}`,
        String(s.n),
        ms(uncached[k]),
        `x${(uncached[k]! / s.medianNs).toFixed(1)}`,
      ]);
    }
    const ratio = bootstrapRatio(cached.gaps);
    const flat =
      ratio.ratio <= 1.25
        ? `flat within 25 %: yes${ratio.high > 1.25 ? ' (its interval reaches past 1.25)' : ''}`
        : `NOT flat within 25 %${ratio.low <= 1.25 ? ' (its interval reaches 1.25: noise not ruled out)' : ''}`;
    verdicts.push(
      `${id}: cached TPOT max/min over positions ${ratio.ratio.toFixed(2)} (95 % bootstrap ${ratio.low.toFixed(2)} - ${ratio.high.toFixed(2)}; arithmetic ${x(expected.bytesCacheOnce)} - ${x(expected.bytesCacheTouched)}; ${cached.requests} requests, ${sweepS.toFixed(1)} s): ${flat}; uncached TPOT ${uncached.at(-1)! > uncached[0]! ? 'grows' : 'does NOT grow'} from ${ms(uncached[0])} to ${ms(uncached.at(-1))} (${x(uncached.at(-1)! / uncached[0]!)}, FLOPs predict ${x(expected.uncachedGrowth)})  [${((performance.now() - started) / 1000).toFixed(0)} s]`,
    );
  } catch (err) {
    rows.push([id, `failed: ${(err as Error).message.split('\n')[0]}`]);
  } finally {
    await session?.dispose();
  }
}

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((r) => (r.length === 2 && i > 0 ? 0 : (r[i] ?? '').length))),
  );
  const line = (r: string[]) =>
    r.length === 2
      ? `${r[0]!.padEnd(widths[0]!)}  ${r[1]}`
      : r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

process.stdout.write(
  `${table(['runtime', 'TTFT p50', 'TTFT p99', 'TPOT p50', 'TPOT p99', 'tokens/s', 'bandwidth floor', '% of floor'], rows)}\n\n`,
);
process.stdout.write(
  `TPOT with the KV cache vs without (whole prefix recomputed), by cache position:\n${table(['runtime', 'position', 'cached p50', 'cached IQR', 'gaps', 'uncached', 'uncached/cached'], sweep)}\n\n${verdicts.join('\n')}\n\nbench:llm --profile ${profile}: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s\n`,
);
