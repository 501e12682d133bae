/**
 * The verdict of a generation run, with LoadGen's token-latency rules (loadgen/results.cc,
 * PerformanceSummary::PerfConstraintsMet and EarlyStopping with use_token_latencies):
 * - every scenario: min duration and min queries;
 * - Server: the p99 TTFT within the TTFT bound and the p99 TPOT within the TPOT bound
 *   ("TTFT constrain not met" / "TPOT constrain not met"), and early stopping applied to each:
 *   with t requests over a bound, at least minQueriesForOverlatency(t, 0.99) requests must have
 *   run (the binomial rule at confidence 0.99 of measure/early-stopping.ts).
 * Single-stream and offline have no token-latency bound (LoadGen scores LLMs in Server and
 * Offline only; single-stream reports the percentiles). Pure: no I/O.
 */
import { allowedOverlatencyCount, minQueriesForOverlatency } from '../measure/early-stopping.js';
import type { ScenarioId } from '../types.js';
import type { Validity } from '../scenarios/result.js';
import type { TokenRecorder } from './token-metrics.js';

export interface TokenBounds {
  set: 'server' | 'interactive';
  ttftBoundNs: number;
  tpotBoundNs: number;
  /** The percentile the bounds hold at (LoadGen: 0.99). */
  percentile: number;
}

export interface GenerationVerdict extends Validity {
  checks: Array<[name: string, met: boolean]>;
  earlyStoppingLines: string[];
}

const ms = (ns: number) => (ns / 1e6).toFixed(ns < 1e7 ? 3 : 1);

export function generationVerdict(input: {
  scenario: ScenarioId;
  recorder: TokenRecorder;
  durationNs: number;
  minDurationMs: number;
  minQueryCount: number;
  bounds?: TokenBounds;
}): GenerationVerdict {
  const { recorder, bounds } = input;
  const n = recorder.requests;
  const reasons: string[] = [];
  const recommendations: string[] = [];
  const lines: string[] = [];
  const checks: Array<[string, boolean]> = [];
  if (input.scenario === 'server' && bounds) {
    const p = bounds.percentile;
    const one = (name: 'TTFT' | 'TPOT', rec: TokenRecorder['ttft'], boundNs: number, key: string) => {
      if (rec.count === 0) return;
      const value = rec.percentile(p);
      const met = value <= boundNs;
      checks.push([`${name} p${p * 100} within ${key}`, met]);
      if (!met) {
        reasons.push(
          `${name} constraint not met: p${p * 100} ${name} ${ms(value)} ms > ${key} ${boundNs} (${ms(boundNs)} ms)`,
        );
        recommendations.push(
          `lower targetQps (--target-qps) so requests queue less, or use a smaller model; gen.bounds=${bounds.set}`,
        );
      }
      const over = rec.overBoundCount;
      const need = minQueriesForOverlatency(over, p);
      const es = rec.count >= need;
      checks.push([`${name} early stopping`, es]);
      if (es)
        lines.push(
          `${name}: ${over} of ${rec.count} requests over the bound; at most ${allowedOverlatencyCount(rec.count, p)} allowed.`,
        );
      else {
        reasons.push(
          `${name} early stopping not met: ${over} of ${rec.count} requests over ${key}; ${need - rec.count} more requests under the bound would be needed`,
        );
        if (met) recommendations.push(`run at least ${need} requests (--min-queries ${need})`);
        lines.push(
          `${name}: run unsuccessful, processed ${rec.count} requests, would need at least ${need - rec.count} more.`,
        );
      }
    };
    one('TTFT', recorder.ttft, bounds.ttftBoundNs, 'gen.ttftBoundNs');
    one('TPOT', recorder.tpot, bounds.tpotBoundNs, 'gen.tpotBoundNs');
  }
  const minDuration = input.durationNs >= input.minDurationMs * 1e6;
  checks.push(['Min duration satisfied', minDuration]);
  if (!minDuration) {
    reasons.push(`min duration not met: measured ${ms(input.durationNs)} ms < minDurationMs ${input.minDurationMs}`);
    recommendations.push('raise maxDurationMs or lower minDurationMs');
  }
  const minQueries = n >= input.minQueryCount;
  checks.push(['Min queries satisfied', minQueries]);
  if (!minQueries) {
    reasons.push(`min queries not met: ${n} requests < minQueryCount ${input.minQueryCount}`);
    recommendations.push(`raise maxDurationMs or lower minQueryCount to ${n}`);
  }
  const valid = reasons.length === 0;
  return { valid, result: valid ? 'VALID' : 'INVALID', reasons, recommendations, checks, earlyStoppingLines: lines };
}
