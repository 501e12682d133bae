/**
 * Output parity: a runtime's outputs compared with an independent reference on the same model
 * and inputs. A fast wrong answer is not a result, so every job on a model records this.
 *
 * References (injected: this module runs no runtime itself):
 * - zoo and trained models: float64Reference, the forward pass computed in float64 from the
 *   architecture description in plain JS (models/float64-forward.ts). Every runtime, ort-node:cpu
 *   included, is compared to it.
 * - ONNX files: the caller (the job process) passes ort-node:cpu with graph optimisations off;
 *   every runtime, ort-node:cpu with optimisations on included, is compared to it, and the job
 *   that is the reference records `not checked (reference)`, never pass.
 *
 * Method:
 * - maxAbsDiff = max |a - r| over every element of every output.
 * - maxRelDiff = max |a - r| / max(|r|, tolerance): relative where the reference is large,
 *   absolute near zero (softmax outputs hold many tiny values whose relative error means nothing).
 * - pass when every element has |a - r| <= tolerance * (1 + |r|) (numpy allclose with
 *   atol = rtol = tolerance), dims and output names match, and NaN appears in the same places.
 * - tolerance defaults to 1e-3, the epsilon TensorFlow.js's own benchmarks use for fp32 outputs;
 *   fp32 runtimes typically differ from the float64 pass by 1e-7 to 1e-5 (rounding, summation
 *   order, fused kernels), so 1e-3 catches wrong layouts or weights with a wide margin.
 */
import { bfloat16ToNumber, float16ToNumber } from '../inputs/half-float.js';
import type { Feeds, ModelArtifact, Tensor } from '../types.js';
import type { ResolvedArch } from '../arch.js';
import { FLOAT64_REFERENCE_ID, float64Forward } from './float64-forward.js';
import { float64TransformerForward } from './transformer/float64-forward.js';
import type { ResolvedTransformer } from './transformer/weights.js';

/** Default fp32 tolerance of parity checks (see the method above). */
export const PARITY_TOLERANCE = 1e-3;

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

/** What a job records as `parity` when it was compared. `reason` says why it failed when the values were not compared. */
export interface ParityChecked {
  reference: string;
  maxAbsDiff: number;
  maxRelDiff: number;
  pass: boolean;
  tolerance: number;
  reason?: string;
}

/** What the job that is itself the reference records: never a pass. */
export interface ParityNotChecked {
  reference: string;
  checked: false;
  note: 'not checked (reference)';
}

/** A job's `parity`: compared with a reference, or the reference itself. */
export type ParityResult = ParityChecked | ParityNotChecked;

/** The float64 forward pass of a model's architecture description (zoo and trained models). */
export const float64Reference: ParityReference = {
  id: FLOAT64_REFERENCE_ID,
  async outputs(model, feeds) {
    if (model.transformer) return float64TransformerForward(model.transformer as ResolvedTransformer, feeds);
    if (!model.arch) throw new Error(`float64 reference: model ${model.name} has no architecture description (an ONNX file needs the ort-node:cpu reference)`);
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

/** Compares outputs with reference outputs (pure, no runtime involved). */
export function compareOutputs(reference: Feeds, actual: Feeds, tolerance = PARITY_TOLERANCE, referenceId = FLOAT64_REFERENCE_ID): ParityChecked {
  const base = { reference: referenceId, tolerance };
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let pass = true;
  for (const name of Object.keys(reference)) {
    const r = reference[name]!;
    const a = actual[name];
    if (!a) return { ...base, maxAbsDiff: Number.NaN, maxRelDiff: Number.NaN, pass: false, reason: `output "${name}" is missing` };
    if (r.dims.join('x') !== a.dims.join('x')) {
      return { ...base, maxAbsDiff: Number.NaN, maxRelDiff: Number.NaN, pass: false, reason: `output "${name}" has dims [${a.dims.join(', ')}], the reference has [${r.dims.join(', ')}]` };
    }
    if (Array.isArray(r.data) || Array.isArray(a.data)) {
      if (JSON.stringify(r.data) !== JSON.stringify(a.data)) return { ...base, maxAbsDiff: Number.NaN, maxRelDiff: Number.NaN, pass: false, reason: `string output "${name}" differs` };
      continue;
    }
    const rv = asNumbers(r);
    const av = asNumbers(a);
    for (let i = 0; i < rv.length; i++) {
      const x = rv[i]!;
      const y = av[i]!;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        if (Number.isNaN(x) !== Number.isNaN(y)) pass = false;
        continue;
      }
      const d = Math.abs(y - x);
      if (d > maxAbsDiff) maxAbsDiff = d;
      const rel = d / Math.max(Math.abs(x), tolerance);
      if (rel > maxRelDiff) maxRelDiff = rel;
      if (!(d <= tolerance * (1 + Math.abs(x)))) pass = false;
    }
  }
  return { ...base, maxAbsDiff, maxRelDiff, pass };
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
  options: { tolerance?: number; reference?: ParityReference } = {},
): Promise<ParityChecked> {
  const reference = options.reference ?? float64Reference;
  const expected = await reference.outputs(model, feeds);
  return compareOutputs(expected, outputs, options.tolerance ?? PARITY_TOLERANCE, reference.id);
}

/** A copy of `feeds` that aliases no buffer a later run could reuse. */
export function copyFeeds(feeds: Feeds): Feeds {
  return Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, { ...t, dims: [...t.dims], data: t.data.slice() } as Tensor]));
}

