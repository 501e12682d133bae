/**
 * Output parity: a runtime's outputs compared with an independent reference on the same model
 * and inputs. A fast wrong answer is not a result, so every job on a model records this.
 *
 * References (injected: this module runs no runtime itself):
 * - zoo and trained models: float64Reference, the forward pass computed in float64 from the
 *   architecture description in plain JS (models/float64-forward.ts). Every runtime, ort-node:cpu
 *   included, is compared to it.
 * - ONNX files: the caller (the job process) passes the float64 ONNX evaluator (models/onnx-eval),
 *   which shares no code with onnxruntime; where it lacks a kernel for an op, ort-node:cpu with
 *   graph optimisations off stands in, recorded as `onnxruntime (not independent): ...` with the
 *   missing ops, and the job that is that stand-in records `not checked (reference)`, never pass.
 *
 * Method (numpy allclose per element, with tolerances scaled to the model's precision):
 * - pass when every element has |a - r| <= atol + rtol * |r|, dims and output names match, and
 *   NaN appears in the same places; each output is judged and reported on its own
 *   (`outputs[]`: name, max abs and rel diff, RMS, pass), and a failure names the outputs.
 * - rtol by precision (parityTolerance): fp32 1e-4 * sqrt(K), fp16 1e-3 * sqrt(K), where K is the
 *   longest accumulation (a dot product's length: the widest fan-in of the description, or
 *   DEFAULT_ACCUMULATION for files), since rounding errors of a K-term sum grow as sqrt(K) times
 *   the unit roundoff (Higham, Accuracy and Stability of Numerical Algorithms, ch. 3, the
 *   probabilistic bound); int8 (dynamically quantized) 2e-2, about two quantization steps of
 *   1/127. atol = rtol * RMS(reference output), so values near zero are judged on the output's
 *   scale, not on an absolute 1e-3 that dwarfs a softmax's small probabilities.
 * - Softmax outputs are compared as logits: log(p) centred per row equals the pre-softmax logits
 *   centred per row, so an error in the logits is not squashed by the softmax (a 1 % logit error
 *   moves small probabilities by far less than 1e-3). Probabilities below 1e-30 are clamped.
 */
import { bfloat16ToNumber, float16ToNumber } from '../inputs/half-float.js';
import type { Feeds, ModelArtifact, Tensor } from '../types.js';
import type { ResolvedArch } from '../arch.js';
import { FLOAT64_REFERENCE_ID, float64Forward } from './float64-forward.js';
import { float64TransformerForward } from './transformer/float64-forward.js';
import type { ResolvedTransformer } from './transformer/weights.js';

/** Model precision, as far as parity's tolerance is concerned. */
export type ParityPrecision = 'fp32' | 'fp16' | 'int8';

/** K when a model's accumulation length is unknown (ONNX files): a 1024-long dot product. */
export const DEFAULT_ACCUMULATION = 1024;

/** Tolerance of one parity check: |a - r| <= atolRms * RMS(r) + rtol * |r|. */
export interface ParityTolerance {
  rtol: number;
  /** atol as a multiple of the reference output's RMS. */
  atolRms: number;
  precision: ParityPrecision;
  /** The accumulation length the fp tolerances were scaled by. */
  accumulation: number;
  /** True when --parity-tolerance set rtol. */
  override?: boolean;
}

/** The tolerance for a precision and accumulation length; `override` (> 0, --parity-tolerance) sets rtol itself. */
export function parityTolerance(
  precision: ParityPrecision,
  accumulation = DEFAULT_ACCUMULATION,
  override = 0,
): ParityTolerance {
  const k = Math.max(1, accumulation);
  const rtol =
    override > 0 ? override : precision === 'int8' ? 2e-2 : (precision === 'fp16' ? 1e-3 : 1e-4) * Math.sqrt(k);
  return { rtol, atolRms: rtol, precision, accumulation: k, ...(override > 0 ? { override: true } : {}) };
}

/** Default fp32 tolerance (K = 1024): rtol 3.2e-3. Kept for callers that pass a number. */
export const PARITY_TOLERANCE = parityTolerance('fp32').rtol;

/** Computes a model's reference outputs for some feeds; `id` is what results record as `parity.reference`. */
export interface ParityReference {
  id: string;
  outputs(model: ModelArtifact, feeds: Feeds): Promise<Feeds>;
}

/**
 * The reference of a TensorFlow.js model.json, which has no architecture description and which
 * ONNX runtimes cannot run: tfjs's pure-JS cpu backend (plain float32 loops, no SIMD or fused
 * native kernels), computed by the caller (harness/isolate) so models/ loads no runtime.
 */
export const TFJS_PARITY_REFERENCE = 'tfjs:cpu';

/** One output's comparison. `compared`: `logits` when a softmax output was compared as centred log-probabilities. */
export interface OutputParity {
  name: string;
  maxAbsDiff: number;
  maxRelDiff: number;
  rms: number;
  pass: boolean;
  compared?: 'values' | 'logits';
}

/**
 * What a job records as `parity` when it was compared. `reason` says why it failed (the outputs
 * that differ and by how much, or why values were not compared). `tolerance` is rtol.
 */
export interface ParityChecked {
  reference: string;
  maxAbsDiff: number;
  maxRelDiff: number;
  pass: boolean;
  tolerance: number;
  atolRms?: number;
  precision?: ParityPrecision;
  /** What was compared: `N samples + batch B`. */
  checked?: string;
  outputs?: OutputParity[];
  reason?: string;
}

/** What the job that is itself the reference records: never a pass. */
export interface ParityNotChecked {
  reference: string;
  checked: false;
  /** `not checked (reference)`, or `not judged (...)` for a zoo model below fp32 (its error is in the job's precision block). */
  note: 'not checked (reference)' | `not judged (${string})`;
}

/** A job's `parity`: compared with a reference, or the reference itself. */
export type ParityResult = ParityChecked | ParityNotChecked;

/** The float64 forward pass of a model's architecture description (zoo and trained models). */
export const float64Reference: ParityReference = {
  id: FLOAT64_REFERENCE_ID,
  async outputs(model, feeds) {
    if (model.transformer) return float64TransformerForward(model.transformer as ResolvedTransformer, feeds);
    if (!model.arch)
      throw new Error(
        `float64 reference: model ${model.name} has no architecture description (an ONNX file needs the ort-node:cpu reference)`,
      );
    return float64Forward(model.arch as ResolvedArch, feeds);
  },
};

/** The `parity` of the job that is the reference itself. */
export function referenceParity(referenceId: string): ParityNotChecked {
  return { reference: referenceId, checked: false, note: 'not checked (reference)' };
}

function asNumbers(t: Tensor): ArrayLike<number> {
  // int64 outputs come as BigInt64Array: compare them as numbers; 16-bit floats as their values;
  // strings as 0 (equal) or NaN against a reference string (see compareOutputs).
  if (t.data instanceof BigInt64Array) return Array.from(t.data, Number);
  if (t.dtype === 'float16') return Array.from(t.data as Uint16Array, float16ToNumber);
  if (t.dtype === 'bfloat16') return Array.from(t.data as Uint16Array, bfloat16ToNumber);
  if (Array.isArray(t.data)) return t.data.map(() => 0);
  return t.data as ArrayLike<number>;
}

/** Centred log-probabilities per row of the last axis: the logits of a softmax output, up to a per-row constant. */
export function centredLogits(values: ArrayLike<number>, rowLength: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let start = 0; start < values.length; start += rowLength) {
    let mean = 0;
    for (let k = 0; k < rowLength; k++) mean += out[start + k] = Math.log(Math.max(values[start + k]!, 1e-30));
    mean /= rowLength;
    for (let k = 0; k < rowLength; k++) out[start + k]! -= mean;
  }
  return out;
}

export interface CompareOptions {
  /** Outputs that are softmax probabilities: compared as centred logits. */
  softmaxOutputs?: ReadonlySet<string>;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x));

/** Compares outputs with reference outputs (pure, no runtime involved); `tolerance` is a ParityTolerance or an fp32 rtol. */
export function compareOutputs(
  reference: Feeds,
  actual: Feeds,
  tolerance: number | ParityTolerance = PARITY_TOLERANCE,
  referenceId = FLOAT64_REFERENCE_ID,
  options: CompareOptions = {},
): ParityChecked {
  const tol =
    typeof tolerance === 'number' ? { rtol: tolerance, atolRms: tolerance, precision: 'fp32' as const } : tolerance;
  const base = { reference: referenceId, tolerance: tol.rtol, atolRms: tol.atolRms, precision: tol.precision };
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  const outputs: OutputParity[] = [];
  for (const name of Object.keys(reference)) {
    const r = reference[name]!;
    const a = actual[name];
    if (!a)
      return {
        ...base,
        maxAbsDiff: Number.NaN,
        maxRelDiff: Number.NaN,
        pass: false,
        reason: `output "${name}" is missing`,
      };
    if (r.dims.join('x') !== a.dims.join('x')) {
      return {
        ...base,
        maxAbsDiff: Number.NaN,
        maxRelDiff: Number.NaN,
        pass: false,
        reason: `output "${name}" has dims [${a.dims.join(', ')}], the reference has [${r.dims.join(', ')}]`,
      };
    }
    if (Array.isArray(r.data) || Array.isArray(a.data)) {
      if (JSON.stringify(r.data) !== JSON.stringify(a.data))
        return {
          ...base,
          maxAbsDiff: Number.NaN,
          maxRelDiff: Number.NaN,
          pass: false,
          reason: `string output "${name}" differs`,
        };
      continue;
    }
    const logits = options.softmaxOutputs?.has(name) === true && r.dims.length > 0;
    const row = Number(r.dims[r.dims.length - 1] ?? 1) || 1;
    const rv = logits ? centredLogits(asNumbers(r), row) : asNumbers(r);
    const av = logits ? centredLogits(asNumbers(a), row) : asNumbers(a);
    let sq = 0;
    let n = 0;
    for (let i = 0; i < rv.length; i++)
      if (Number.isFinite(rv[i]!)) {
        sq += rv[i]! ** 2;
        n++;
      }
    const rms = n ? Math.sqrt(sq / n) : 0;
    const atol = tol.atolRms * rms;
    let abs = 0;
    let rel = 0;
    let pass = true;
    for (let i = 0; i < rv.length; i++) {
      const x = rv[i]!;
      const y = av[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        if (Number.isNaN(x) !== Number.isNaN(y)) pass = false;
        continue;
      }
      const d = Math.abs(y - x);
      if (d > abs) abs = d;
      const rd = d / Math.max(Math.abs(x), atol, Number.MIN_VALUE);
      if (rd > rel) rel = rd;
      if (!(d <= atol + tol.rtol * Math.abs(x))) pass = false;
    }
    outputs.push({ name, maxAbsDiff: abs, maxRelDiff: rel, rms, pass, compared: logits ? 'logits' : 'values' });
    if (abs > maxAbsDiff) maxAbsDiff = abs;
    if (rel > maxRelDiff) maxRelDiff = rel;
  }
  const failed = outputs.filter((o) => !o.pass);
  const reason = failed.length
    ? failed
        .map(
          (o) =>
            `output "${o.name}"${o.compared === 'logits' ? ' (as logits)' : ''}: max abs diff ${fmt(o.maxAbsDiff)}, max rel diff ${fmt(o.maxRelDiff)} (RMS ${fmt(o.rms)}; allowed ${fmt(tol.atolRms)} x RMS + ${fmt(tol.rtol)} x |ref|)`,
        )
        .join('; ')
    : undefined;
  return { ...base, maxAbsDiff, maxRelDiff, pass: failed.length === 0, outputs, ...(reason ? { reason } : {}) };
}

/** Joins several comparisons of one job (samples, a batch): worst figures, per output; fails if any failed. */
export function mergeParity(checks: ParityChecked[], checked: string): ParityChecked {
  const first = checks[0]!;
  const byName = new Map<string, OutputParity>();
  for (const c of checks)
    for (const o of c.outputs ?? []) {
      const prev = byName.get(o.name);
      byName.set(
        o.name,
        prev
          ? {
              ...o,
              maxAbsDiff: Math.max(prev.maxAbsDiff, o.maxAbsDiff),
              maxRelDiff: Math.max(prev.maxRelDiff, o.maxRelDiff),
              rms: Math.max(prev.rms, o.rms),
              pass: prev.pass && o.pass,
            }
          : o,
      );
    }
  const reasons = [...new Set(checks.map((c) => c.reason).filter((r): r is string => !!r))];
  return {
    ...first,
    maxAbsDiff: Math.max(...checks.map((c) => c.maxAbsDiff)),
    maxRelDiff: Math.max(...checks.map((c) => c.maxRelDiff)),
    pass: checks.every((c) => c.pass),
    checked,
    outputs: [...byName.values()],
    ...(reasons.length ? { reason: reasons.join(' | ') } : {}),
  };
}

/**
 * Compares `outputs` (a runtime's answer to `feeds`) with `reference`'s. The reference defaults
 * to the float64 forward pass, which needs an architecture description; an ONNX file's caller
 * must pass its reference.
 */
export async function checkParity(
  model: ModelArtifact,
  feeds: Feeds,
  outputs: Feeds,
  options: {
    tolerance?: number | ParityTolerance;
    reference?: ParityReference;
    softmaxOutputs?: ReadonlySet<string>;
  } = {},
): Promise<ParityChecked> {
  const reference = options.reference ?? float64Reference;
  const expected = await reference.outputs(model, feeds);
  return compareOutputs(expected, outputs, options.tolerance ?? PARITY_TOLERANCE, reference.id, {
    softmaxOutputs: options.softmaxOutputs,
  });
}

/** A copy of `feeds` that aliases no buffer a later run could reuse. */
export function copyFeeds(feeds: Feeds): Feeds {
  return Object.fromEntries(
    Object.entries(feeds).map(([k, t]) => [k, { ...t, dims: [...t.dims], data: t.data.slice() } as Tensor]),
  );
}
