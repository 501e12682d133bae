import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { VirtualScheduler } from '../../../harness/measure/scheduler.js';
import { runGenerationScenario } from '../../../harness/generation/scenarios.js';
import { scheduledOffsetsNs } from '../../../harness/scenarios/server-schedule.js';
import { requestTokens } from '../../../harness/generation/token-metrics.js';
import type { GenerationRequest, Session, TokenCallback } from '../../../harness/types.js';

/** A decoder on virtual time: prefill takes `prefillNs`, each further token `stepNs`. */
function virtualDecoder(clock: VirtualClock, prefillNs: number, stepNs: number): Session {
  return {
    async run() {
      return {};
    },
    async dispose() {},
    async generate(request: GenerationRequest, onToken: TokenCallback) {
      const out: number[] = [];
      for (let i = 0; i < request.outputTokens; i++) {
        clock.advanceNs(i === 0 ? prefillNs : stepNs);
        out.push(i);
        onToken(i, i);
      }
      return out;
    },
  };
}

const base = {
  warmupQueries: 0,
  warmupMs: 0,
  'gen.warmupRequests': 0,
  minDurationMs: 0,
  minQueryCount: 10,
  'gen.inputTokens': 8,
  'gen.outputTokens': 5,
};

describe('generation metrics on a virtual clock', () => {
  it('TPOT is (latency - TTFT) / (tokens - 1); one-token requests have none', () => {
    expect(requestTokens({ issueNs: 0n, tokenNs: [100n, 130n, 150n, 190n], inputTokens: 3 })).toEqual({
      ttftNs: 100,
      latencyNs: 190,
      tpotNs: 30,
      outputTokens: 4,
      inputTokens: 3,
    });
    expect(requestTokens({ issueNs: 5n, tokenNs: [50n], inputTokens: 1 }).tpotNs).toBeNull();
  });

  it('single-stream: exact TTFT, TPOT, pooled gaps and tokens/s', async () => {
    const clock = new VirtualClock();
    const r = await runGenerationScenario('single-stream', virtualDecoder(clock, 7_000_000, 2_000_000), 100, base, {
      clock,
    });
    expect(r.generation.requests).toBe(10);
    expect(r.generation.outputTokens).toBe(50);
    expect(r.generation.ttftNs.p50).toBe(7_000_000);
    expect(r.generation.tpotNs!.p99).toBe(2_000_000);
    expect(r.generation.interTokenGapNs!.max).toBe(2_000_000);
    // 50 tokens in 10 x (7 + 4 x 2) ms = 150 ms.
    expect(r.generation.outputTokensPerS).toBeCloseTo(50 / 0.15, 6);
    expect(r.metric.key).toBe('result_time_per_output_token_90.00_percentile_ns');
    expect(r.loadgen['result_first_token_99.00_percentile_latency_ns']).toBe(7_000_000);
  });

  it('offline: every request issued at the start, so TTFT grows with the queue', async () => {
    const clock = new VirtualClock();
    const r = await runGenerationScenario(
      'offline',
      virtualDecoder(clock, 1_000_000, 1_000_000),
      100,
      { ...base, minQueryCount: 4 },
      { clock },
    );
    expect(r.generation.perRequest.ttftNs).toEqual([1e6, 6e6, 11e6, 16e6]);
    expect(r.loadgen.result_tokens_per_second).toBeCloseTo(20 / 0.02, 6);
  });

  it('server: FIFO from the scheduled arrival; TPOT over its bound is INVALID', async () => {
    const scheduler = new VirtualScheduler();
    const session = virtualDecoder(scheduler.clock, 10e6, 50e6);
    const r = await runGenerationScenario(
      'server',
      session,
      100,
      { ...base, targetQps: 1, 'gen.bounds': 'interactive' },
      { scheduler },
    );
    // FIFO single server (Lindley): TTFT = wait for the previous request + prefill, from the arrival.
    const arrivals = scheduledOffsetsNs(42, 1, 10);
    let free = 0;
    const expected = Array.from(arrivals, (a) => {
      const begin = Math.max(a, free);
      free = begin + 210e6;
      return begin - a + 10e6;
    });
    expect(r.generation.perRequest.ttftNs).toEqual(expected);
    expect(r.generation.tpotNs!.p99).toBe(50e6);
    expect(r.validity.valid).toBe(false);
    expect(r.validity.reasons.join('\n')).toMatch(
      /TPOT constraint not met: p99 TPOT 50.0 ms > gen.tpotBoundNs 40000000/,
    );
    const ok = await runGenerationScenario(
      'server',
      virtualDecoder(new VirtualScheduler().clock, 1, 1),
      100,
      { ...base, targetQps: 1 },
      { scheduler: new VirtualScheduler() },
    );
    expect(ok.validity.reasons.join('\n')).toMatch(/TTFT early stopping not met/);
  });
});
