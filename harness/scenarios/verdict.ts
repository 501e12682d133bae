/**
 * The VALID/INVALID verdict of a performance run, with LoadGen's checks: min duration, min
 * queries, early stopping (binomial rule, confidence 0.99) and, for server, the latency bound
 * on the p99. Each failed check adds a reason and a recommendation that names the setting to
 * change. Pure: no I/O.
 */
import {
  allowedOverlatencyCount,
  earlyStoppingEstimate,
  earlyStoppingMinQueries,
  minQueriesForOverlatency,
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
  /** Completed samples per second (LoadGen's result_completed_samples_per_sec). */
  completedPerS?: number;
  /** Server: the rate queries were scheduled at (result_scheduled_samples_per_sec). */
  scheduledPerS?: number;
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

/** Rates within this fraction of each other count as "kept up" (Poisson noise of a finite run). */
const KEPT_UP = 0.97;

/**
 * Advice for a server run over its latency bound. An overload (fewer samples completed per
 * second than were scheduled) is the target rate's doing: the advice names both rates and a
 * target below the completed rate. Flags named here exist on `run` and `model`.
 */
export function serverAdvice(s: ScenarioSettings, completedPerS: number, scheduledPerS: number): string {
  const suggest = Number((0.8 * Math.min(completedPerS, scheduledPerS)).toPrecision(2));
  if (completedPerS < KEPT_UP * scheduledPerS) {
    return (
      `overload: the system completed ${completedPerS.toFixed(1)} samples/s while ${scheduledPerS.toFixed(1)}/s were scheduled (targetQps ${s.targetQps}), so queries queued for the whole run; ` +
      `set a target below the completed rate, e.g. --target-qps ${suggest}, or search for the highest VALID rate with --find-peak`
    );
  }
  return (
    `the system kept up with the schedule (${completedPerS.toFixed(1)} of ${scheduledPerS.toFixed(1)} samples/s completed) but bursts queued past the bound; ` +
    `lower the target, e.g. --target-qps ${suggest}, raise latencyBoundNs (--latency-bound), or use --find-peak`
  );
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
    recommendations.push(
      s.maxDurationMs < s.minDurationMs
        ? `raise maxDurationMs to at least ${s.minDurationMs} (it is ${s.maxDurationMs})`
        : `raise maxDurationMs above ${s.maxDurationMs} or lower minDurationMs`,
    );
  }
  const minQueries = n >= s.minQueryCount;
  if (!minQueries) {
    reasons.push(`min queries not met: ${n} queries < minQueryCount ${s.minQueryCount}`);
    recommendations.push(
      `raise maxDurationMs to about ${timeForMs(s.minQueryCount, n, durationNs)} or lower minQueryCount to ${n}`,
    );
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
      reasons.push(
        `early stopping not met: ${n} queries; the binomial rule at 99 % confidence needs at least ${need} for a ${pct(p)} estimate`,
      );
      recommendations.push(
        `run at least ${need} queries: raise minQueryCount to ${need} and maxDurationMs to about ${timeForMs(need, n, durationNs)}`,
      );
      lines.push(`Only processed ${n} queries; need at least ${need} for early stopping.`);
    } else {
      const t = allowedOverlatencyCount(n, p);
      lines.push(
        `Processed at least ${need} queries (${n}).`,
        `Would discard ${t - 1} highest latency queries.`,
        `Early stopping ${pct(p)} estimate (ns): ${Math.round(estimate)}`,
      );
    }
  } else if (scenario === 'server') {
    const p99 = recorder.percentile(p);
    latencyBound = p99 <= s.latencyBoundNs;
    if (!latencyBound) {
      reasons.push(
        `latency bound not met: ${pct(p)} latency ${ms(p99)} ms > latencyBoundNs ${s.latencyBoundNs} (${ms(s.latencyBoundNs)} ms)`,
      );
      recommendations.push(serverAdvice(s, input.completedPerS ?? 0, input.scheduledPerS ?? s.targetQps));
    }
    const over = recorder.overBoundCount;
    const need = minQueriesForOverlatency(over, p);
    earlyStopping = n >= need;
    if (earlyStopping) {
      lines.push(
        `Run successful: ${over} of ${n} queries over the bound; at most ${allowedOverlatencyCount(n, p)} allowed.`,
      );
    } else {
      reasons.push(
        `early stopping not met: ${over} of ${n} queries over latencyBoundNs; ${need - n} more queries under the bound would be needed`,
      );
      // Over the bound already, more queries would not help: the bound advice above is the one to follow.
      if (latencyBound)
        recommendations.push(
          `run at least ${need - n} more queries (raise minQueryCount to ${need}) or lower targetQps`,
        );
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
