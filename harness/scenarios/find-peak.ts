/**
 * Server --find-peak: search for the highest targetQps whose Server run is VALID. The first
 * guess is 80 % of the serial capacity seen during warm-up (1 / mean warm-up latency); the
 * search doubles (or halves) until it brackets the peak between a VALID and an INVALID rate,
 * then bisects until the bracket is narrower than findPeakTolerancePct or findPeakMaxSteps
 * runs are spent. Halving stops at 1/64 of the first guess or when a run needs more than
 * maxDurationMs to reach its minimum query count. Every run uses the same seed, so the arrival pattern differs only in scale.
 */
import { createRealScheduler } from '../measure/scheduler.js';
import type { Session } from '../types.js';
import { warmUp } from './closed-loop.js';
import { finishResult } from './latency-result.js';
import type { FindPeakStep, ScenarioDraft, ScenarioEnv, ScenarioResult } from './result.js';
import type { SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { runServerDraft, serialIssue } from './server.js';

/** Rounds a rate to 3 significant digits so steps read well in the log. */
const round3 = (q: number) => Number(q.toPrecision(3));

export async function runServerFindPeak(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
): Promise<ScenarioResult> {
  const scheduler = env.scheduler ?? createRealScheduler(env.clock);
  const clock = scheduler.clock;
  const t0 = clock.nowNs();
  const warmupCount = await warmUp(clock, settings, serialIssue(session, samples, scheduler));
  const meanNs = warmupCount > 0 ? Number(clock.nowNs() - t0) / warmupCount : 0;
  let qps = round3(meanNs > 0 ? (0.8 * 1e9) / meanNs : settings.targetQps);

  const steps: FindPeakStep[] = [];
  let best: ScenarioDraft | null = null;
  let last: ScenarioDraft | null = null;
  let lo: number | null = null; // highest VALID rate so far
  let hi: number | null = null; // lowest INVALID rate so far
  const firstQps = qps;
  for (let step = 0; step < settings.findPeakMaxSteps; step++) {
    const result = await runServerDraft(
      session,
      samples,
      { ...settings, targetQps: qps },
      { scheduler },
      { skipWarmUp: true },
    );
    last = result;
    const valid = result.validity.valid;
    steps.push({ targetQps: qps, achievedQps: result.throughputPerS, p99Ns: result.latencyNs.p99, valid });
    if (valid && (lo === null || qps > lo)) {
      lo = qps;
      best = result;
    }
    if (!valid && (hi === null || qps < hi)) hi = qps;
    if (hi === null) qps = round3(qps * 2);
    else if (lo === null) {
      // Going lower is pointless once a run could not reach its minimums within maxDurationMs,
      // or 64x below the first guess: the bound is out of reach of this system (or machine).
      if (result.durationNs >= settings.maxDurationMs * 1e6 * 0.99 || qps / 2 < firstQps / 64) break;
      qps = round3(qps / 2);
    } else {
      if ((hi - lo) / lo <= settings.findPeakTolerancePct / 100) break;
      qps = round3((lo + hi) / 2);
      if (qps <= lo || qps >= hi) break;
    }
  }

  const peakQps = lo ?? 0;
  const base = best ?? last!;
  const lines = [
    ...steps.map(
      (s) =>
        ` * target ${s.targetQps} -> completed ${s.achievedQps.toFixed(1)} samples/s, p99 ${(s.p99Ns / 1e6).toFixed(3)} ms, ${s.valid ? 'VALID' : 'INVALID'}`,
    ),
    `Peak target QPS (VALID): ${peakQps}${hi === null ? ' (no INVALID rate found within findPeakMaxSteps: the peak may be higher)' : ''}`,
  ];
  const reasons = best
    ? []
    : [`find-peak: no targetQps tried was VALID (lowest tried ${Math.min(...steps.map((s) => s.targetQps))})`];
  return finishResult({
    ...base,
    status: best ? 'ok' : 'invalid',
    metric: { name: 'peak target QPS (server, VALID)', value: peakQps, unit: 'queries/s' },
    validity: best
      ? base.validity
      : {
          valid: false,
          result: 'INVALID',
          reasons: [...base.validity.reasons, ...reasons],
          recommendations: [
            ...base.validity.recommendations,
            'raise latencyBoundNs (--latency-bound) or check the runtime: even the lowest rate tried missed the bound',
          ],
        },
    log: {
      ...base.log,
      sections: [
        ...base.log.sections,
        {
          title: best
            ? 'Find-peak steps (the run above is the highest VALID one)'
            : 'Find-peak steps (none VALID; the run above is the last one)',
          lines,
        },
      ],
    },
    findPeak: { steps, peakQps },
  });
}
