/**
 * The VALID/INVALID verdict of a performance run, with LoadGen's checks: min duration, min
 * queries, early stopping (binomial rule, confidence 0.99) and, for server, the latency bound
 * on the p99. Each failed check adds a reason and a recommendation that names the setting to
 * change. Pure: no I/O.
 */
import {
  allowedOverlatencyCount, earlyStoppingEstimate, earlyStoppingMinQueries, minQueriesForOverlatency,
} from '../measure/early-stopping.js';
import type { LatencyRecorder } from '../measure/histogram.js';
import type { ScenarioId } from '../types.js';
import type { Validity } from './result.js';
import type { ScenarioSettings } from './scenario-settings.js';

export interface VerdictInput {
  scenario: ScenarioId;
  settings: ScenarioSettings;
  recorder: LatencyRecorder;
  queryCount: number;
  /** The duration LoadGen checks against min_duration (issue span, or schedule span for server). */
  durationNs: number;
  maxDurationHit: boolean;
}

export interface Verdict extends Validity {
  /** Early-stopping estimate of the target percentile latency (single-/multi-stream). */
  earlyStoppingEstimateNs: number | null;
  /** Lines for the summary log's early-stopping section. */
  earlyStoppingLines: string[];
  checks: { minDuration: boolean; minQueries: boolean; earlyStopping: boolean; latencyBound: boolean | null };
}

const ms = (ns: number) => (ns / 1e6).toFixed(ns < 1e7 ? 3 : 1);
const pct = (p: number) => `p${+(p * 100).toFixed(2)}`;

/** How long `queries` would take at the observed rate, in ms, rounded up with 20 % margin. */
function timeForMs(queries: number, done: number, durationNs: number): number {
  const perQueryMs = done > 0 ? durationNs / 1e6 / done : 1;
  return Math.ceil((queries * perQueryMs * 1.2) / 100) * 100;
}

/** Applies LoadGen's checks to one measured run. */
export function verdictOf(input: VerdictInput): Verdict {
  const { scenario, settings: s, recorder, queryCount: n, durationNs } = input;
  const reasons: string[] = [];
  const recommendations: string[] = [];
  const p = s.targetLatencyPercentile;

  const minDuration = durationNs >= s.minDurationMs * 1e6;
  if (!minDuration) {
    reasons.push(`min duration not met: measured ${ms(durationNs)} ms < minDurationMs ${s.minDurationMs}`);
    recommendations.push(s.maxDurationMs < s.minDurationMs
      ? `raise maxDurationMs to at least ${s.minDurationMs} (it is ${s.maxDurationMs})`
      : `raise maxDurationMs above ${s.maxDurationMs} or lower minDurationMs`);
  }
  const minQueries = n >= s.minQueryCount;
  if (!minQueries) {
    reasons.push(`min queries not met: ${n} queries < minQueryCount ${s.minQueryCount}`);
    recommendations.push(`raise maxDurationMs to about ${timeForMs(s.minQueryCount, n, durationNs)} or lower minQueryCount to ${n}`);
  }

  let earlyStopping = true;
  let latencyBound: boolean | null = null;
  let estimate: number | null = null;
  const lines: string[] = [];
  if (scenario === 'single-stream' || scenario === 'multi-stream') {
    const need = earlyStoppingMinQueries(p);
    estimate = earlyStoppingEstimate(n, p, (rank) => recorder.valueAtRank(rank));
    if (estimate === null) {
      earlyStopping = false;
      reasons.push(`early stopping not met: ${n} queries; the binomial rule at 99 % confidence needs at least ${need} for a ${pct(p)} estimate`);
      recommendations.push(`run at least ${need} queries: raise minQueryCount to ${need} and maxDurationMs to about ${timeForMs(need, n, durationNs)}`);
      lines.push(`Only processed ${n} queries; need at least ${need} for early stopping.`);
    } else {
      const t = allowedOverlatencyCount(n, p);
      lines.push(`Processed at least ${need} queries (${n}).`, `Would discard ${t - 1} highest latency queries.`, `Early stopping ${pct(p)} estimate (ns): ${Math.round(estimate)}`);
    }
  } else if (scenario === 'server') {
    const p99 = recorder.percentile(p);
    latencyBound = p99 <= s.latencyBoundNs;
    if (!latencyBound) {
      reasons.push(`latency bound not met: ${pct(p)} latency ${ms(p99)} ms > latencyBoundNs ${s.latencyBoundNs} (${ms(s.latencyBoundNs)} ms)`);
      const achieved = durationNs > 0 ? (n / durationNs) * 1e9 : 0;
      recommendations.push(`lower targetQps below ${s.targetQps} (achieved ${achieved.toFixed(1)}/s), or use --find-peak to search for the highest VALID targetQps`);
    }
    const over = recorder.overBoundCount;
    const need = minQueriesForOverlatency(over, p);
    earlyStopping = n >= need;
    if (earlyStopping) {
      lines.push(`Run successful: ${over} of ${n} queries over the bound; at most ${allowedOverlatencyCount(n, p)} allowed.`);
    } else {
      reasons.push(`early stopping not met: ${over} of ${n} queries over latencyBoundNs; ${need - n} more queries under the bound would be needed`);
      recommendations.push(`run at least ${need - n} more queries (raise minQueryCount to ${need}) or lower targetQps`);
      lines.push(`Run unsuccessful: processed ${n} queries, would need at least ${need - n} more.`);
    }
  }
  return {
    valid: reasons.length === 0,
    reasons,
    recommendations,
    earlyStoppingEstimateNs: estimate,
    earlyStoppingLines: lines,
    checks: { minDuration, minQueries, earlyStopping, latencyBound },
  };
}
