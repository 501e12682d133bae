/**
 * Accuracy mode (LoadGen's AccuracyOnly): every sample of the source once, in batches of
 * `batchSize`; the outputs are scored by the source's metric (AUC, top-1, log loss) and set
 * beside the reference value: ratio = value / reference (reference / value for log loss, where
 * lower is better), VALID when ratio >= accuracyTargetRatio (MLPerf's "99 % of reference").
 * A source without labels is run once through but not scored: its result is UNSCORED, never
 * VALID. Non-finite scores fail the job (E_NONFINITE) before any metric is computed.
 */
import { assertFinite } from '../errors.js';
import { realClock } from '../measure/clock.js';
import { LatencyRecorder } from '../measure/histogram.js';
import { logLoss, rocAuc, top1Accuracy } from '../measure/metrics.js';
import type { Session, Tensor } from '../types.js';
import { finishResult, measuredDraft } from './latency-result.js';
import type { ScenarioEnv, ScenarioResult } from './result.js';
import type { AccuracyMetricName, SampleSource } from './samples.js';
import type { ScenarioSettings } from './scenario-settings.js';

/** Scores a row-major [rows x width] output matrix; binary metrics read column 1 when width is 2. */
export function scoreOutputs(
  metric: AccuracyMetricName,
  values: Float64Array,
  width: number,
  labels: ArrayLike<number>,
): number {
  const positive = (): Float64Array => {
    if (width === 1) return values;
    if (width === 2) return Float64Array.from({ length: values.length / 2 }, (_, r) => values[r * 2 + 1]!);
    throw new RangeError(`${metric} needs one score per sample (or two class probabilities), got ${width} columns`);
  };
  switch (metric) {
    case 'auc':
      return rocAuc(positive(), labels);
    case 'logloss':
      return logLoss(positive(), labels);
    case 'top1':
      return width === 1 ? binaryTop1(values, labels) : top1Accuracy(values, width, labels);
  }
}

/** Top-1 of a single-score binary classifier: predicted class = score >= 0.5. */
function binaryTop1(scores: Float64Array, labels: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < scores.length; i++) if ((scores[i]! >= 0.5 ? 1 : 0) === labels[i]) hits++;
  return scores.length ? hits / scores.length : Number.NaN;
}

function toNumbers(t: Tensor): Float64Array {
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < t.data.length; i++) out[i] = Number(t.data[i]!);
  return out;
}

export async function runAccuracy(
  session: Session,
  samples: SampleSource,
  settings: ScenarioSettings,
  env: ScenarioEnv = {},
): Promise<ScenarioResult> {
  const clock = env.clock ?? realClock;
  const target = samples.accuracy;
  const recorder = new LatencyRecorder(settings.maxSamplesRetained);
  const batchSize = settings.batchSize;
  let values: Float64Array | null = null;
  let width = 0;
  let batches = 0;
  const start = clock.nowNs();
  for (let first = 0; first < samples.count; first += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, samples.count - first) }, (_, k) => first + k);
    const t0 = clock.nowNs();
    const outputs = await session.run(samples.feeds(indices));
    recorder.record(Number(clock.nowNs() - t0));
    batches++;
    if (!target) continue;
    const name = target.outputName ?? Object.keys(outputs)[0]!;
    const out = outputs[name];
    if (!out)
      throw new Error(`accuracy: the session has no output "${name}" (outputs: ${Object.keys(outputs).join(', ')})`);
    const rowValues = toNumbers(out);
    if (values === null) {
      width = rowValues.length / indices.length;
      values = new Float64Array(samples.count * width);
    }
    values.set(rowValues.subarray(0, indices.length * width), first * width);
  }
  const durationNs = Number(clock.nowNs() - start);
  let accuracy: ScenarioResult['accuracy'];
  const reasons: string[] = [];
  const recommendations: string[] = [];
  if (target && values) {
    // A diverged model's NaN scores would still rank into an AUC: fail the job instead.
    assertFinite(`accuracy: output "${target.outputName ?? 'first'}"`, values);
    const value = scoreOutputs(target.metric, values, width, target.labels);
    const ratio =
      target.reference === null || target.reference === 0
        ? null
        : target.metric === 'logloss'
          ? target.reference / value
          : value / target.reference;
    accuracy = {
      metric: target.metric,
      value,
      reference: target.reference,
      ratio,
      targetRatio: settings.accuracyTargetRatio,
      samples: samples.count,
    };
    if (ratio !== null && !(ratio >= settings.accuracyTargetRatio)) {
      reasons.push(
        `accuracy ${target.metric} ${value.toFixed(5)} is ${(ratio * 100).toFixed(2)} % of the reference ${target.reference}, below accuracyTargetRatio ${settings.accuracyTargetRatio}`,
      );
      recommendations.push(
        "check the runtime's numerics (parity) and the model export; the reference comes from the same weights",
      );
    }
  } else {
    recommendations.push(
      'no labelled dataset for this workload: every sample was run once but the outputs were not scored',
    );
  }
  const draft = measuredDraft({
    scenario: 'accuracy',
    recorder,
    queryCount: batches,
    sampleCount: samples.count,
    durationNs,
    maxDurationHit: false,
    settings: { ...settings, minDurationMs: 0, minQueryCount: 1 },
    extraStats: accuracy
      ? [
          ['Accuracy metric', accuracy.metric],
          ['Value', accuracy.value],
          ['Reference', String(accuracy.reference)],
          ['Ratio', String(accuracy.ratio)],
        ]
      : [['Accuracy', 'UNSCORED (no labels)']],
    settingKeys: ['batchSize', 'accuracyTargetRatio'],
  });
  // Unlabelled inputs are neither VALID nor INVALID: nothing was scored (status stays ok: the run itself worked).
  const result = !accuracy ? 'UNSCORED' : reasons.length === 0 ? 'VALID' : 'INVALID';
  const metric = accuracy
    ? { name: accuracy.metric, value: accuracy.value, unit: 'ratio', key: 'accuracy' }
    : { name: 'unscored (no labels): samples run', value: samples.count, unit: 'samples' };
  return finishResult({
    ...draft,
    status: result === 'INVALID' ? 'invalid' : 'ok',
    metric,
    validity: { valid: result === 'VALID', result, reasons, recommendations },
    loadgen: { result_validity: result, accuracy: accuracy?.value ?? null },
    log: {
      ...draft.log,
      mode: 'AccuracyOnly',
      results: accuracy ? [[`${accuracy.metric}`, accuracy.value]] : [['Accuracy', 'UNSCORED (no labels)']],
      checks: [],
    },
    ...(accuracy ? { accuracy } : {}),
  });
}
