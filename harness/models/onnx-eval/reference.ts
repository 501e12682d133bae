/**
 * The float64 ONNX evaluator as a parity reference for model files (bring your own), and the
 * name a job records when the evaluator cannot serve: onnxruntime with graph optimisations off,
 * which shares its kernels with the runtimes it judges and so is labelled not independent.
 */
import type { Feeds, ModelArtifact } from '../../types.js';
import type { ParityReference } from '../parity.js';
import { OnnxEvaluator } from './graph.js';

/** What `parity.reference` says when the float64 evaluator computed the reference outputs. */
export const FLOAT64_ONNX_REFERENCE_ID = 'float64 ONNX evaluator';

/** What `parity.reference` says when onnxruntime stood in, and why (missing kernels, or the evaluator's error). */
export function notIndependentReferenceId(why: string): string {
  return `onnxruntime (not independent): ort-node:cpu, graph optimisations disabled; ${why}`;
}

/** Why the evaluator cannot cover a model: `no float64 kernel for A, B`. */
export const missingOpsReason = (missing: readonly string[]): string =>
  `the float64 evaluator has no kernel for ${missing.join(', ')}`;

/**
 * Above this many initializer elements (8 bytes each in float64: 2 GiB) the evaluator is not
 * used: a large language model's weights would not fit beside the runtime's own copy.
 */
export const MAX_EVALUATOR_ELEMENTS = 256 * 2 ** 20;

/**
 * How long one reference pass may take before the evaluator gives up and onnxruntime stands in
 * (a 1 GFLOP CNN takes ~10 s here; the job's own timeout is 300 s by default).
 */
export const EVALUATOR_BUDGET_MS = 60_000;

/** Why the evaluator cannot serve a model: the ops it lacks, or its size. */
export type NoEvaluator = { reference: null; missingOps: string[]; reason: string };

/** The float64 evaluator of an ONNX file as a parity reference, or why not (the op types it lacks, or its size). */
export function float64OnnxReference(
  model: ModelArtifact,
): { reference: ParityReference; missingOps: []; reason?: undefined } | NoEvaluator {
  const evaluator = new OnnxEvaluator(model.onnx, model.file?.path);
  const missingOps = evaluator.missingOps(model.outputs.map((o) => o.name));
  if (missingOps.length) return { reference: null, missingOps, reason: missingOpsReason(missingOps) };
  const elements = evaluator.initializerElements();
  if (elements > MAX_EVALUATOR_ELEMENTS) {
    return {
      reference: null,
      missingOps,
      reason: `the model's ${(elements / 1e6).toFixed(0)} M weights exceed the float64 evaluator's ${(MAX_EVALUATOR_ELEMENTS / 1e6).toFixed(0)} M (2 GiB in float64)`,
    };
  }
  return {
    missingOps: [],
    reference: {
      id: FLOAT64_ONNX_REFERENCE_ID,
      outputs: async (_model: ModelArtifact, feeds: Feeds) =>
        evaluator.run(
          feeds,
          model.outputs.map((o) => o.name),
          EVALUATOR_BUDGET_MS,
        ),
    },
  };
}

/** The line `mlbench model` prints and records about its parity reference for an ONNX file. */
export function referenceNote(model: ModelArtifact): string {
  const own = float64OnnxReference(model);
  return own.reference === null
    ? `parity reference: ${notIndependentReferenceId(own.reason)}`
    : `parity reference: ${FLOAT64_ONNX_REFERENCE_ID} (its own float64 kernels, independent of onnxruntime)`;
}
