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
import type { Feeds, ModelArtifact, SettingsInput, Tensor } from '../types.js';

/** Default fp32 tolerance of parity checks (see the method above). */
export const PARITY_TOLERANCE = 1e-3;

/** The runtime every parity check is measured against. */
export const PARITY_REFERENCE = 'ort-node:cpu';

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
  // int64 outputs come as BigInt64Array: compare them as numbers.
  return t.data instanceof BigInt64Array ? Array.from(t.data, Number) : (t.data as ArrayLike<number>);
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
  options: { tolerance?: number; settings?: SettingsInput } = {},
): Promise<ParityResult> {
  const reference = await referenceOutputs(model, feeds, options.settings ?? {});
  return compareOutputs(reference, outputs, options.tolerance ?? PARITY_TOLERANCE);
}

/** The reference outputs: `model` run once on ort-node:cpu. */
export async function referenceOutputs(model: ModelArtifact, feeds: Feeds, settings: SettingsInput = {}): Promise<Feeds> {
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
