/**
 * A GPU query split into upload (inputs to device memory), dispatch (kernels encoded and run until
 * the device queue reports its work done: GPUQueue.onSubmittedWorkDone) and readback (outputs
 * mapped back to the host), over a short pass after measuring so the extra synchronisation never
 * touches the measured figures. Each phase is the median over the pass; totalMs is the median of
 * the per-query sums. Runtimes that do all three inside one call (onnxruntime-node: host tensors in,
 * host tensors out) record `not measurable` with the reason.
 */
import { median } from '../measure/percentiles.js';
import type { SampleSource } from '../scenarios/samples.js';
import type { Feeds, GpuPhases, Session } from '../types.js';

/** Queries in the phase pass. */
export const GPU_PHASE_QUERIES = 8;

/** Why a session without `gpuPhases` cannot split its queries. */
export const PHASES_HIDDEN =
  'the runtime uploads inputs, runs and reads outputs back inside one run() call with host tensors (no device-buffer inputs or outputs, no timestamp queries exposed), so only the whole query is timed';

/** Per-query phase times (ms) -> the recorded medians. */
export function summarisePhases(
  method: string,
  perQuery: Array<{ uploadMs: number; dispatchMs: number; readbackMs: number }>,
): GpuPhases {
  return {
    method,
    queries: perQuery.length,
    uploadMs: median(perQuery.map((q) => q.uploadMs)),
    dispatchMs: median(perQuery.map((q) => q.dispatchMs)),
    readbackMs: median(perQuery.map((q) => q.readbackMs)),
    totalMs: median(perQuery.map((q) => q.uploadMs + q.dispatchMs + q.readbackMs)),
  };
}

/** The session's phase split over GPU_PHASE_QUERIES queries of `batch` samples; never throws. */
export async function measureGpuPhases(session: Session, samples: SampleSource, batch: number): Promise<GpuPhases> {
  if (!session.gpuPhases) return { method: 'not measurable', reason: PHASES_HIDDEN };
  const feeds: Feeds[] = Array.from({ length: GPU_PHASE_QUERIES }, (_, q) =>
    samples.feeds(Array.from({ length: batch }, (_, k) => (q * batch + k) % samples.count)),
  );
  try {
    return await session.gpuPhases(feeds);
  } catch (err) {
    return { method: 'not measurable', reason: `the phase pass failed: ${(err as Error).message}` };
  }
}
