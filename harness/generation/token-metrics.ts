/**
 * Token latencies of generation requests, as MLPerf LoadGen defines them for LLMs:
 * - TTFT (time to first token): issue -> first token complete (LoadGen's FirstTokenComplete;
 *   `first_token_latencies` in loadgen/logging.cc); in Server the issue instant is the scheduled
 *   arrival, so queueing counts.
 * - TPOT (time per output token): (latency - TTFT) / (output tokens - 1), per request
 *   (loadgen/logging.cc `time_per_output_token_`); a 1-token request has no TPOT (LoadGen logs
 *   its token count as 0 then).
 * - Output tokens per request, and per run output tokens/s (result_completed_tokens_per_second).
 * - The pooled inter-token gaps: every gap between consecutive tokens of every request, one
 *   distribution. vLLM's benchmark calls this "ITL"; AIPerf's "ITL" is per-request TPOT. We name
 *   them `tpotNs` (LoadGen's) and `interTokenGapNs` so neither reads as the other.
 * Percentiles by the one rule of measure/percentiles.ts (LoadGen's `sorted[floor(n * p)]`).
 * Pure: no I/O; times arrive as bigint ns from the injected clock.
 */
import { LatencyRecorder } from '../measure/histogram.js';
import type { LatencySummaryNs } from '../types.js';

/** One completed request: its issue instant and each output token's completion instant. */
export interface RequestTiming {
  issueNs: bigint;
  tokenNs: readonly bigint[];
  inputTokens: number;
}

/** Per-request figures (ns). */
export interface RequestTokens {
  ttftNs: number;
  /** null for a 1-token request. */
  tpotNs: number | null;
  latencyNs: number;
  outputTokens: number;
  inputTokens: number;
}

/** TTFT, TPOT and latency of one request. Throws RangeError when it has no token. */
export function requestTokens(t: RequestTiming): RequestTokens {
  const n = t.tokenNs.length;
  if (n === 0) throw new RangeError('a generation request completed with no token');
  const ttftNs = Number(t.tokenNs[0]! - t.issueNs);
  const latencyNs = Number(t.tokenNs[n - 1]! - t.issueNs);
  return {
    ttftNs,
    latencyNs,
    tpotNs: n > 1 ? (latencyNs - ttftNs) / (n - 1) : null,
    outputTokens: n,
    inputTokens: t.inputTokens,
  };
}

/** The per-run token block of a job result (results/schema.ts GenerationSchema). */
export interface TokenSummary {
  requests: number;
  outputTokens: number;
  inputTokens: number;
  ttftNs: LatencySummaryNs;
  /** null when every request produced a single token. */
  tpotNs: LatencySummaryNs | null;
  /** Pooled gaps between consecutive tokens of every request (vLLM's "ITL"); null when none. */
  interTokenGapNs: LatencySummaryNs | null;
  /** Output tokens over the span from the first issue to the last token (result_completed_tokens_per_second). */
  outputTokensPerS: number;
  /** Raw per-request values in issue order, up to maxSamplesRetained. */
  perRequest: { ttftNs: number[]; tpotNs: Array<number | null>; outputTokens: number[] };
}

/**
 * Accumulates requests. `ttftBoundNs`/`tpotBoundNs` give exact over-bound counts (Server early
 * stopping on each); Infinity when unbounded.
 */
export class TokenRecorder {
  readonly ttft: LatencyRecorder;
  readonly tpot: LatencyRecorder;
  readonly gaps: LatencyRecorder;
  readonly latency: LatencyRecorder;
  private readonly cap: number;
  private outputs = 0;
  private inputs = 0;
  private firstIssueNs: bigint | null = null;
  private lastTokenNs: bigint | null = null;
  private readonly perRequest: TokenSummary['perRequest'] = { ttftNs: [], tpotNs: [], outputTokens: [] };

  constructor(
    maxSamplesRetained: number,
    ttftBoundNs = Number.POSITIVE_INFINITY,
    tpotBoundNs = Number.POSITIVE_INFINITY,
  ) {
    this.cap = maxSamplesRetained;
    this.ttft = new LatencyRecorder(maxSamplesRetained, ttftBoundNs);
    this.tpot = new LatencyRecorder(maxSamplesRetained, tpotBoundNs);
    this.gaps = new LatencyRecorder(maxSamplesRetained);
    this.latency = new LatencyRecorder(maxSamplesRetained);
  }

  get requests(): number {
    return this.ttft.count;
  }

  add(t: RequestTiming): RequestTokens {
    const r = requestTokens(t);
    this.ttft.record(r.ttftNs);
    if (r.tpotNs !== null) this.tpot.record(r.tpotNs);
    this.latency.record(r.latencyNs);
    for (let i = 1; i < t.tokenNs.length; i++) this.gaps.record(Number(t.tokenNs[i]! - t.tokenNs[i - 1]!));
    this.outputs += r.outputTokens;
    this.inputs += r.inputTokens;
    if (this.firstIssueNs === null || t.issueNs < this.firstIssueNs) this.firstIssueNs = t.issueNs;
    const last = t.tokenNs[t.tokenNs.length - 1]!;
    if (this.lastTokenNs === null || last > this.lastTokenNs) this.lastTokenNs = last;
    if (this.perRequest.ttftNs.length < this.cap) {
      this.perRequest.ttftNs.push(r.ttftNs);
      this.perRequest.tpotNs.push(r.tpotNs);
      this.perRequest.outputTokens.push(r.outputTokens);
    }
    return r;
  }

  /** From the first issue to the last token, ns (0 before any request). */
  get spanNs(): number {
    return this.firstIssueNs === null || this.lastTokenNs === null ? 0 : Number(this.lastTokenNs - this.firstIssueNs);
  }

  summary(): TokenSummary {
    const span = this.spanNs;
    return {
      requests: this.requests,
      outputTokens: this.outputs,
      inputTokens: this.inputs,
      ttftNs: this.ttft.summary(),
      tpotNs: this.tpot.count ? this.tpot.summary() : null,
      interTokenGapNs: this.gaps.count ? this.gaps.summary() : null,
      outputTokensPerS: span > 0 ? (this.outputs / span) * 1e9 : 0,
      perRequest: this.perRequest,
    };
  }
}
