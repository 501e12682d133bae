/**
 * How a GPU job's adapter is labelled everywhere (terminal, report, exports): one sentence for a
 * software adapter, which computes on the CPU (llvmpipe, lavapipe, SwiftShader). Pure: no I/O.
 */
import type { JobResult } from './schema.js';

type AdapterFacts = {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  fallback?: boolean;
};

const SOFTWARE_NAMES = /llvmpipe|lavapipe|swiftshader|softpipe|software rasterizer|microsoft basic render/i;

/** The adapter's short name for messages: the device part of the description ("llvmpipe"). */
export function adapterName(a: AdapterFacts): string {
  const head = (a.description ?? '').split(':')[0]!.trim();
  return head || a.device || a.vendor || 'unknown adapter';
}

/** True for an adapter that computes on the CPU: isFallbackAdapter, architecture "software", or a known CPU rasterizer. */
export function isSoftwareAdapter(a: AdapterFacts): boolean {
  return (
    a.fallback === true ||
    a.architecture === 'software' ||
    SOFTWARE_NAMES.test(`${a.description ?? ''} ${a.device ?? ''}`)
  );
}

/** The one sentence every output uses for a software adapter. */
export function softwareAdapterWarning(a: AdapterFacts): string {
  return `${adapterName(a)} is a software rasterizer on the CPU: these timings say nothing about GPU speed`;
}

/** A job's software-adapter warning, or null when it ran on no adapter or a hardware one. */
export function jobSoftwareWarning(job: Pick<JobResult, 'adapter'>): string | null {
  return job.adapter && (job.adapter.software || isSoftwareAdapter(job.adapter))
    ? softwareAdapterWarning(job.adapter)
    : null;
}

/** The runtime's label where jobs are ranked: `ort-node:webgpu (software: llvmpipe)` on a software adapter. */
export function rankedRuntimeLabel(runtime: string, job: Pick<JobResult, 'adapter'>): string {
  return jobSoftwareWarning(job) ? `${runtime} (software: ${adapterName(job.adapter!)})` : runtime;
}
