/**
 * The page's entry (runs in the browser; bundled by harness/browser/page-bundle.ts). It defines
 * window.mlbenchRunJob(job): load the model (fetch + resolve), create the session, run the first
 * query, then the same scenario runner as a Node job with performance.now() as the clock; the
 * raw result goes back to the job process, which checks parity and writes the JobResult.
 */
import { completeSettings } from '../config/settings.js';
import { runScenario } from '../scenarios/index.js';
import { randomSamples } from '../scenarios/samples.js';
import { clockResolutionNs, createPageScheduler, pageClock } from './page-clock.js';
import { fetchModel, loadPageSession } from './page-runtimes.js';
import { encodeFeeds, isSoftwareRenderer, type PageEnvironment, type PageJob, type PageOutcome } from './wire.js';

interface GpuAdapterLike {
  info?: { vendor: string; architecture: string; description: string; device: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

function webglInfo(): PageEnvironment['webgl'] {
  const gl =
    document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR));
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return { vendor, renderer, software: isSoftwareRenderer(`${vendor} ${renderer}`) };
}

/** The WebGPU adapter the page gets, or why there is none. */
export async function webgpuInfo(): Promise<NonNullable<PageEnvironment['webgpu']>> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu)
    return { unavailable: 'navigator.gpu is undefined (WebGPU is off in this browser or not a secure context)' };
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    return { unavailable: 'navigator.gpu.requestAdapter() returned null (no GPU adapter for this browser)' };
  const info = adapter.info ?? { vendor: '', architecture: '', description: '', device: '' };
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const text = `${info.vendor} ${info.architecture} ${info.description} ${info.device}`;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    device: info.device,
    isFallbackAdapter,
    software: isFallbackAdapter || isSoftwareRenderer(text),
  };
}

async function environment(job: PageJob): Promise<PageEnvironment> {
  return {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    clockResolutionNs: clockResolutionNs(),
    ...(job.backend === 'webgl' ? { webgl: webglInfo() } : {}),
    ...(job.backend === 'webgpu' ? { webgpu: await webgpuInfo() } : {}),
  };
}

const msSince = (t0: number) => performance.now() - t0;

async function runJob(job: PageJob): Promise<PageOutcome> {
  if (job.fault === 'throw') throw new Error(`injected fault (MLBENCH_BROWSER_FAULT=throw) in job ${job.jobId}`);
  if (job.fault === 'hang')
    for (;;) {
      /* injected fault: a page whose main thread never returns */
    }
  const settings = completeSettings(job.settings);
  const env = await environment(job);
  let t0 = performance.now();
  const model = await fetchModel(job);
  const loadMs = msSince(t0);
  t0 = performance.now();
  const { session, info, version } = await loadPageSession(job, model);
  const sessionCreateMs = msSince(t0);
  try {
    const samples = randomSamples(model.inputs, Math.max(256, settings.batchSize), settings.seed);
    const firstFeeds = samples.feeds([0]);
    t0 = performance.now();
    const firstOutputs = await session.run(firstFeeds);
    const firstRunMs = msSince(t0);
    // Encoded now: a backend may reuse an output's buffer on the next run.
    const wireFeeds = encodeFeeds(firstFeeds);
    const wireOutputs = encodeFeeds(firstOutputs);
    const scenario = await runScenario(job.scenario, session, samples, settings, {
      clock: pageClock,
      scheduler: createPageScheduler(pageClock),
    });
    await session.dispose();
    const leakedTensors = session.leakedTensors?.();
    return {
      scenario,
      coldStart: { loadMs, sessionCreateMs, firstRunMs },
      info,
      version,
      firstFeeds: wireFeeds,
      firstOutputs: wireOutputs,
      environment: env,
      ...(leakedTensors !== undefined ? { leakedTensors } : {}),
    };
  } catch (err) {
    await session.dispose().catch(() => undefined);
    throw err;
  }
}

declare global {
  interface Window {
    mlbenchRunJob?: (job: PageJob) => Promise<PageOutcome>;
    mlbenchWebgpuInfo?: () => Promise<NonNullable<PageEnvironment['webgpu']>>;
  }
}

window.mlbenchRunJob = runJob;
window.mlbenchWebgpuInfo = webgpuInfo;
