/**
 * A job's `precision` block (results/schema.ts): the precision its zoo model was exported at, its
 * measured error against the float64 reference (models/precision PrecisionErrorMeter, over the
 * samples parity compared), the stated bound (precisionErrorBound) and whether the error is
 * within it. Parity's pass/fail applies to fp32 only: another precision's parity is recorded as
 * not judged, pointing here.
 */
import type { ResolvedArch } from '../arch.js';
import { PRECISION_SCHEME, precisionErrorBound, type PrecisionErrorMeter } from '../models/precision/index.js';
import { parityProfile } from '../models/parity-profile.js';
import type { ParityResult } from '../models/parity.js';
import type { JobResult } from '../../results/schema.js';
import type { ModelArtifact, Precision } from '../types.js';

export type PrecisionBlock = NonNullable<JobResult['precision']>;

/** The accumulation K the bound is scaled by: the description's widest fan-in, or a transformer's MLP width. */
function accumulationOf(model: ModelArtifact): number {
  if (model.transformer) return (model.transformer as { config: { intermediate: number } }).config.intermediate;
  return model.arch ? parityProfile({ ...model, arch: model.arch as ResolvedArch }).accumulation : 1024;
}

export function precisionResult(
  model: ModelArtifact,
  meter: PrecisionErrorMeter,
  reference: string,
): PrecisionBlock | undefined {
  const outputs = meter.result();
  if (outputs.length === 0) return undefined;
  const precision: Precision = model.precision ?? 'fp32';
  const bound = precisionErrorBound(precision, accumulationOf(model));
  const worst = (f: (o: (typeof outputs)[number]) => number) => Math.max(...outputs.map(f));
  const first = outputs[0]!;
  const normalizedMax = worst((o) => o.normalizedMax);
  return {
    precision,
    scheme: PRECISION_SCHEME[precision],
    model: precision === 'fp32' ? model.name : model.name.replace(new RegExp(`-${precision}$`), ''),
    reference,
    bound,
    normalizedMaxError: normalizedMax,
    withinBound: normalizedMax <= bound,
    maxAbsError: worst((o) => o.maxAbsError),
    meanAbsError: worst((o) => o.meanAbsError),
    maxRelError: worst((o) => o.maxRelError),
    meanRelError: worst((o) => o.meanRelError),
    // Top-1 of the first output (a classifier's probabilities; bert's last_hidden_state rows).
    top1Agreement: first.top1Agree,
    rows: first.rows,
    outputs,
  };
}

/** A non-fp32 model's parity, kept as figures but not judged (the precision block says how far off it is). */
export function unjudgedParity(parity: ParityResult, precision: Precision): ParityResult {
  if (!('pass' in parity)) return parity;
  const figures = `max abs diff ${parity.maxAbsDiff.toExponential(2)}, max rel diff ${parity.maxRelDiff.toExponential(2)}`;
  return {
    reference: parity.reference,
    checked: false,
    note: `not judged (${precision}: parity's pass/fail applies to fp32; ${figures}; see precision)`,
  };
}
