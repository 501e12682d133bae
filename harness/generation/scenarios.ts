/**
 * Generation scenarios, LoadGen's semantics with token latencies (loadgen/results.cc,
 * loadgen/logging.cc, mlperf.conf `use_token_latencies`):
 * - single-stream: one request at a time, the next issued when the last token of the previous
 *   one is complete; metric: p90 TPOT.
 * - server: Poisson arrivals at targetQps (requests/s, seeded), served FIFO one at a time, each
 *   request's TTFT and latency counted from its scheduled arrival (queueing counts); VALID only
 *   with the p99 TTFT and p99 TPOT within their bounds (gen.bounds / gen.ttftBoundNs /
 *   gen.tpotBoundNs) and early stopping met on each (verdict.ts); metric: completed output
 *   tokens/s (result_completed_tokens_per_second).
 * - offline: every request issued at the start, served in order; metric: output tokens/s
 *   (result_tokens_per_second).
 * Each runs until minDurationMs and minQueryCount are both met, or maxDurationMs; warm-up first
 * (gen.warmupRequests). The clock and scheduler are injected (virtual in tests).
 */
import { GENERATION_SETTINGS, MEASUREMENT_SETTINGS, readSettings, type SettingsInput } from '../config/settings.js';
import { realClock } from '../measure/clock.js';
import { createRealScheduler, type Scheduler } from '../measure/scheduler.js';
import type { ScenarioResult } from '../scenarios/result.js';
import { scenarioSettings } from '../scenarios/scenario-settings.js';
import { poissonSchedule } from '../scenarios/server-schedule.js';
import { renderSummary, type SummaryEntry } from '../scenarios/summary-log.js';
import { RuntimeError, UsageError } from '../errors.js';
import type { Clock, GenerationRequest, LatencySummaryNs, ScenarioId, Session } from '../types.js';
import { generationRequest, type LengthSettings } from './requests.js';
import { TokenRecorder, type RequestTiming, type TokenSummary } from './token-metrics.js';
import { generationVerdict, type TokenBounds } from './verdict.js';

/** mlperf.conf's llama2-70b bound sets (ms): Server 2000/200, interactive 450/40. */
export const TOKEN_BOUND_SETS = {
  server: { ttftBoundNs: 2_000e6, tpotBoundNs: 200e6 },
  interactive: { ttftBoundNs: 450e6, tpotBoundNs: 40e6 },
} as const;

/** Scenarios a generation workload runs. */
export const GENERATION_SCENARIOS: readonly ScenarioId[] = ['single-stream', 'server', 'offline'];

/** The nested token block of a generation job result (results/schema.ts GenerationSchema). */
export interface GenerationBlock extends TokenSummary {
  decoding: 'greedy';
  useCache: boolean;
  bounds?: TokenBounds;
  /** Token ids of the first measured request (runtimes given the same seed should agree). */
  firstRequestTokens: number[];
}

export type GenerationScenarioResult = ScenarioResult & { generation: GenerationBlock };

/** The generation settings of a job, bounds resolved from gen.bounds where not set. */
export function generationSettings(
  settings: SettingsInput,
  vocabSize: number,
): { lengths: LengthSettings; bounds: TokenBounds; warmupRequests: number } {
  const g = readSettings(GENERATION_SETTINGS, settings);
  const { seed } = readSettings(MEASUREMENT_SETTINGS, settings);
  const set = TOKEN_BOUND_SETS[g['gen.bounds']];
  const vocab = g['gen.vocabSize'] > 0 ? g['gen.vocabSize'] : vocabSize;
  return {
    lengths: {
      inputTokens: g['gen.inputTokens'],
      inputTokensMax: g['gen.inputTokensMax'],
      outputTokens: g['gen.outputTokens'],
      outputTokensMax: g['gen.outputTokensMax'],
      vocabSize: vocab,
      useCache: g['gen.useCache'],
      seed,
    },
    bounds: {
      set: g['gen.bounds'],
      ttftBoundNs: g['gen.ttftBoundNs'] || set.ttftBoundNs,
      tpotBoundNs: g['gen.tpotBoundNs'] || set.tpotBoundNs,
      percentile: 0.99,
    },
    warmupRequests: g['gen.warmupRequests'],
  };
}

/** Issues one request at `issueNs` and records each token's completion instant (the FirstTokenComplete callback and its followers). */
async function issue(
  session: Session,
  request: GenerationRequest,
  issueNs: bigint,
  clock: Clock,
): Promise<{ timing: RequestTiming; tokens: number[] }> {
  const tokenNs: bigint[] = [];
  const tokens = await session.generate!(request, () => {
    tokenNs.push(clock.nowNs());
  });
  if (tokenNs.length !== request.outputTokens)
    throw new Error(
      `generate produced ${tokenNs.length} tokens; ${request.outputTokens} were requested (decoding is greedy with a fixed length)`,
    );
  return { timing: { issueNs, tokenNs, inputTokens: request.inputIds.length }, tokens };
}

const pKey = (p: number) => (p * 100).toFixed(2);

/** LoadGen's detail keys for token latencies (loadgen/results.cc). */
function tokenKeys(scenario: ScenarioId, s: TokenSummary, validity: string): Record<string, number | string | null> {
  const keys: Record<string, number | string | null> = { result_validity: validity };
  if (scenario === 'offline') {
    keys.result_tokens_per_second = s.outputTokensPerS;
    return keys;
  }
  keys.result_first_token_min_latency_ns = s.ttftNs.min;
  keys.result_first_token_max_latency_ns = s.ttftNs.max;
  keys.result_first_token_mean_latency_ns = s.ttftNs.mean;
  for (const [p, f] of [
    [0.5, 'p50'],
    [0.9, 'p90'],
    [0.99, 'p99'],
  ] as const) {
    keys[`result_first_token_${pKey(p)}_percentile_latency_ns`] = s.ttftNs[f];
    keys[`result_time_per_output_token_${pKey(p)}_percentile_ns`] = s.tpotNs ? s.tpotNs[f] : null;
  }
  keys.result_time_to_output_token_min = s.tpotNs?.min ?? null;
  keys.result_time_to_output_token_max = s.tpotNs?.max ?? null;
  keys.result_time_to_output_token_mean = s.tpotNs?.mean ?? null;
  keys.result_completed_tokens_per_second = s.outputTokensPerS;
  return keys;
}

function headline(scenario: ScenarioId, s: TokenSummary): ScenarioResult['metric'] {
  if (scenario === 'single-stream')
    return {
      name: 'p90 TPOT',
      value: s.tpotNs?.p90 ?? s.ttftNs.p90,
      unit: 'ns',
      key: `result_time_per_output_token_${pKey(0.9)}_percentile_ns`,
    };
  if (scenario === 'server')
    return {
      name: 'completed output tokens per second',
      value: s.outputTokensPerS,
      unit: 'tokens/s',
      key: 'result_completed_tokens_per_second',
    };
  return {
    name: 'output tokens per second',
    value: s.outputTokensPerS,
    unit: 'tokens/s',
    key: 'result_tokens_per_second',
  };
}

const row = (label: string, l: LatencySummaryNs | null): SummaryEntry[] =>
  l
    ? [
        [`${label} p50 (ns)`, Math.round(l.p50)],
        [`${label} p90 (ns)`, Math.round(l.p90)],
        [`${label} p99 (ns)`, Math.round(l.p99)],
      ]
    : [];

/**
 * Runs one generation scenario. `vocabSize` bounds the prompt ids (gen.vocabSize overrides).
 * Throws UsageError E_BAD_SCENARIO for multi-stream and accuracy, and when the session cannot generate.
 */
export async function runGenerationScenario(
  scenario: ScenarioId,
  session: Session,
  vocabSize: number,
  settings: SettingsInput,
  env: { clock?: Clock; scheduler?: Scheduler } = {},
): Promise<GenerationScenarioResult> {
  if (!GENERATION_SCENARIOS.includes(scenario))
    throw new UsageError(
      'E_UNKNOWN_SCENARIO',
      `scenario ${scenario} does not apply to a generation workload; valid: ${GENERATION_SCENARIOS.join(', ')}`,
    );
  if (!session.generate) throw new RuntimeError("this runtime's session cannot generate (no Session.generate)");
  const clock = env.clock ?? env.scheduler?.clock ?? realClock;
  const scheduler = env.scheduler ?? createRealScheduler(clock);
  const s = scenarioSettings(scenario, settings);
  const g = generationSettings(settings, vocabSize);
  const request = (k: number) => generationRequest(g.lengths, k);

  for (let k = 0; k < g.warmupRequests; k++) await issue(session, request(-1 - k), clock.nowNs(), clock);

  const bounded = scenario === 'server';
  const recorder = new TokenRecorder(
    s.maxSamplesRetained,
    bounded ? g.bounds.ttftBoundNs : Infinity,
    bounded ? g.bounds.tpotBoundNs : Infinity,
  );
  const start = clock.nowNs();
  const minNs = s.minDurationMs * 1e6;
  const maxNs = s.maxDurationMs * 1e6;
  const nextOffsetNs = poissonSchedule(s.seed, s.targetQps);
  let firstRequestTokens: number[] = [];
  let lastScheduledNs = 0;
  let maxDurationHit = false;
  for (let k = 0; ; k++) {
    const elapsed = Number(clock.nowNs() - start);
    const spanNs = scenario === 'server' ? lastScheduledNs : elapsed;
    if (k >= s.minQueryCount && spanNs >= minNs) break;
    if (elapsed >= maxNs) {
      maxDurationHit = true;
      break;
    }
    let issueNs = clock.nowNs();
    if (scenario === 'server') {
      lastScheduledNs = nextOffsetNs();
      issueNs = start + BigInt(Math.round(lastScheduledNs));
      // FIFO, one request at a time: wait for the arrival only when the server is already free.
      // The wait yields to the event loop (idle = false) rather than blocking the thread:
      // onnxruntime-web's wasm threads need the main thread's event loop (blocked, a 2-thread
      // session stalled for seconds), and a generation request is long beside the ~us it costs.
      if (issueNs > clock.nowNs()) await scheduler.waitUntilNs(issueNs, () => false);
    } else if (scenario === 'offline') {
      issueNs = start;
    }
    const { timing, tokens } = await issue(session, request(k), issueNs, clock);
    recorder.add(timing);
    if (k === 0) firstRequestTokens = tokens;
  }
  const summary = recorder.summary();
  const durationNs = recorder.spanNs;
  const verdict = generationVerdict({
    scenario,
    recorder,
    durationNs: scenario === 'server' ? lastScheduledNs : durationNs,
    minDurationMs: s.minDurationMs,
    minQueryCount: s.minQueryCount,
    ...(bounded ? { bounds: g.bounds } : {}),
  });
  const validity = {
    valid: verdict.valid,
    result: verdict.result,
    reasons: verdict.reasons,
    recommendations: verdict.recommendations,
  };
  const loadgen = tokenKeys(scenario, summary, verdict.result!);
  const metric = headline(scenario, summary);
  const latencyNs = recorder.latency.summary();
  const text = renderSummary(
    {
      scenario,
      mode: 'PerformanceOnly',
      results: [[`${metric.name} [${metric.key}]`, metric.value]],
      checks: verdict.checks,
      earlyStoppingLines: verdict.earlyStoppingLines,
      stats: [
        ['Requests', summary.requests],
        ['Output tokens', summary.outputTokens],
        ['Input tokens', summary.inputTokens],
        ['Output tokens per second', summary.outputTokensPerS],
        ...row('TTFT', summary.ttftNs),
        ...row('TPOT', summary.tpotNs),
        ...row('Inter-token gap (pooled)', summary.interTokenGapNs),
        ...(maxDurationHit ? [['Stopped at maxDurationMs', 'yes'] as SummaryEntry] : []),
      ],
      latencyNs,
      parameters: [
        ['decoding', 'greedy, fixed output length'],
        ['gen.useCache', String(g.lengths.useCache)],
        [
          'gen.inputTokens',
          `${g.lengths.inputTokens}${g.lengths.inputTokensMax ? `..${g.lengths.inputTokensMax}` : ''}`,
        ],
        [
          'gen.outputTokens',
          `${g.lengths.outputTokens}${g.lengths.outputTokensMax ? `..${g.lengths.outputTokensMax}` : ''}`,
        ],
        ['minDurationMs', s.minDurationMs],
        ['minQueryCount', s.minQueryCount],
        ['seed', s.seed],
        ...(bounded
          ? ([
              ['targetQps', s.targetQps],
              ['gen.bounds', g.bounds.set],
              ['gen.ttftBoundNs', g.bounds.ttftBoundNs],
              ['gen.tpotBoundNs', g.bounds.tpotBoundNs],
            ] as SummaryEntry[])
          : []),
      ],
      sections: [],
    },
    validity,
  );
  return {
    status: verdict.valid ? 'ok' : 'invalid',
    latencyNs,
    throughputPerS: durationNs > 0 ? (summary.requests / durationNs) * 1e9 : 0,
    queryCount: summary.requests,
    durationNs,
    samplesNs: recorder.latency.samplesNs(),
    samplesCapped: recorder.latency.capped,
    histogramNs: recorder.latency.encode(),
    metric,
    validity,
    loadgen,
    summary: text,
    generation: {
      ...summary,
      decoding: 'greedy',
      useCache: g.lengths.useCache,
      ...(bounded ? { bounds: g.bounds } : {}),
      firstRequestTokens,
    },
  };
}
