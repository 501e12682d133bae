/**
 * Output parity: a runtime's outputs compared with ort-node:cpu's on the same model and inputs.
 * A fast wrong answer is not a result, so every job on a zoo model records this.
 *
 * Method (fp32):
 * - maxAbsDiff = max |a - r| over every element of every output.
 * - maxRelDiff = max |a - r| / max(|r|, tolerance): relative where the reference is large,
 *   absolute near zero (softmax outputs hold many tiny values whose relative error means nothing).
 * - pass when every element has |a - r| <= tolerance * (1 + |r|) (numpy allclose with
 *   atol = rtol = tolerance), dims and output names match, and NaN appears in the same places.
 * - tolerance defaults to 1e-3, the epsilon TensorFlow.js's own benchmarks use for fp32 outputs;
 *   the runtimes here typically differ by 1e-7 to 1e-6 (different summation orders and fused
 *   kernels), so 1e-3 catches wrong layouts or weights with a wide margin.
 */
import { bfloat16ToNumber, float16ToNumber } from '../inputs/half-float.js';
import type { Feeds, ModelArtifact, SettingsInput, Tensor } from '../types.js';

/** Default fp32 tolerance of parity checks (see the method above). */
export const PARITY_TOLERANCE = 1e-3;

/** The runtime every parity check is measured against. */
export const PARITY_REFERENCE = 'ort-node:cpu';

/**
 * The reference of a TensorFlow.js model.json, which ONNX runtimes cannot run: tfjs's pure-JS
 * cpu backend (plain loops in float32, no SIMD or fused native kernels).
 */
export const TFJS_PARITY_REFERENCE = 'tfjs:cpu';

/** The reference runtime for `model`. */
export function parityReferenceOf(model: ModelArtifact): string {
  return model.tfjs ? TFJS_PARITY_REFERENCE : PARITY_REFERENCE;
}

/** What a job records as `parity`. `reason` says why it failed when the values were not compared. */
export interface ParityResult {
  reference: string;
  maxAbsDiff: number;
  maxRelDiff: number;
  pass: boolean;
  tolerance: number;
  reason?: string;
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
export function compareOutputs(reference: Feeds, actual: Feeds, tolerance = PARITY_TOLERANCE, referenceId = PARITY_REFERENCE): ParityResult {
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
 * Runs `model` on ort-node:cpu with `feeds` in this process and compares `outputs` (another
 * runtime's answer to the same feeds) with it. Settings default to onnxruntime's defaults.
 */
export async function checkParity(
  model: ModelArtifact,
  feeds: Feeds,
  outputs: Feeds,
  options: { tolerance?: number; settings?: SettingsInput; reference?: () => Promise<Feeds> } = {},
): Promise<ParityResult> {
  // A tfjs model.json's reference (tfjs:cpu) is computed by the caller, which may load runtimes.
  const reference = options.reference ? await options.reference() : await referenceOutputs(model, feeds, options.settings ?? {});
  return compareOutputs(reference, outputs, options.tolerance ?? PARITY_TOLERANCE, parityReferenceOf(model));
}

/** The reference outputs: `model` (an ONNX model) run once on ort-node:cpu. */
export async function referenceOutputs(model: ModelArtifact, feeds: Feeds, settings: SettingsInput = {}): Promise<Feeds> {
  if (model.tfjs) throw new Error(`referenceOutputs: ${model.tfjs.path} is a tfjs model; its ${TFJS_PARITY_REFERENCE} reference comes from harness/runtimes/tfjs-session.ts tfjsReferenceOutputs`);
  const { createOrtNodeRuntime } = await import('../runtimes/ort-node.js');
  const { session } = await createOrtNodeRuntime('cpu').load(model, settings);
  try {
    const out = await session.run(feeds);
    // Copy: the reference must not alias buffers a later run could reuse.
    return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, { ...t, dims: [...t.dims], data: t.data.slice() } as Tensor]));
  } finally {
    await session.dispose();
  }
}

