/**
 * The WebGPU adapter a GPU job runs on, read through the optional `webgpu` package (Dawn for
 * Node, the same Dawn and Vulkan driver onnxruntime-node's WebGPU EP uses): vendor, architecture,
 * device and description from GPUAdapterInfo (W3C WebGPU §3.4 "Adapters"), the driver (Dawn puts
 * it in the description after the device name), and whether it is a software adapter
 * (`isFallbackAdapter`, architecture "software", or a known CPU rasterizer: llvmpipe, lavapipe,
 * SwiftShader). A software adapter runs on the CPU: its timings say nothing about GPU speed, so
 * everything that shows a GPU job labels it (softwareAdapterWarning) and never ranks it as a GPU.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import type { GpuAdapter } from '../types.js';

export type { GpuAdapter } from '../types.js';
import { isSoftwareAdapter } from '../../results/adapter-label.js';

export { adapterName, isSoftwareAdapter, softwareAdapterWarning } from '../../results/adapter-label.js';

/** Either the adapter, or why there is none (no Vulkan driver, `webgpu` not installed, ...). */
export type AdapterProbe = { adapter: GpuAdapter } | { unavailable: string };

/** GPUAdapterInfo's fields as plain data (they are prototype getters in Dawn). */
export function adapterFromInfo(info: Record<string, unknown>, adapterFallback?: unknown): GpuAdapter {
  const text = (k: string) => (typeof info[k] === 'string' ? (info[k] as string) : '');
  const description = text('description');
  const colon = description.indexOf(':');
  const driver = colon >= 0 ? description.slice(colon + 1).trim() || null : null;
  const fallback = info.isFallbackAdapter === true || adapterFallback === true;
  const base = {
    vendor: text('vendor'),
    architecture: text('architecture'),
    device: text('device'),
    description,
    driver,
    fallback,
  };
  return { ...base, software: isSoftwareAdapter(base), source: 'webgpu (Dawn)' };
}

/** The `webgpu` package's entry as a file URL, or null when it is not installed. */
function webgpuEntry(): string | null {
  try {
    return pathToFileURL(createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('webgpu')).href;
  } catch {
    return null;
  }
}

export const WEBGPU_INSTALL =
  "the WebGPU runtimes need the optional npm package webgpu (npm install webgpu) and a Vulkan driver with its loader (Debian: apt-get install libvulkan1 mesa-vulkan-drivers; NVIDIA: the driver's Vulkan ICD)";

/** The `webgpu` module's navigator.gpu in this process (created once), or why there is none. */
let gpuCache: Promise<{ gpu: GPULike; globals: Record<string, unknown> } | { unavailable: string }> | undefined;

interface GPULike {
  requestAdapter(
    options?: Record<string, unknown>,
  ): Promise<{ info: Record<string, unknown>; isFallbackAdapter?: boolean } | null>;
}

/** Creates Dawn's navigator.gpu once per process (`webgpu`'s `create([])`). */
export function nodeGpu(): Promise<{ gpu: GPULike; globals: Record<string, unknown> } | { unavailable: string }> {
  gpuCache ??= (async () => {
    const entry = webgpuEntry();
    if (!entry) return { unavailable: `the npm package webgpu is not installed; ${WEBGPU_INSTALL}` };
    try {
      const mod = (await import(entry)) as { create(flags: string[]): GPULike; globals: Record<string, unknown> };
      return { gpu: mod.create([]), globals: mod.globals };
    } catch (err) {
      return { unavailable: `webgpu (Dawn) failed to load: ${(err as Error).message}; ${WEBGPU_INSTALL}` };
    }
  })();
  return gpuCache;
}

/** Requests the default adapter in this process (job and probe children only: Dawn stays loaded). */
export async function requestAdapter(): Promise<AdapterProbe> {
  const g = await nodeGpu();
  if ('unavailable' in g) return g;
  try {
    const adapter = await g.gpu.requestAdapter();
    if (!adapter)
      return {
        unavailable: `no WebGPU adapter: Dawn found no Vulkan device (is a Vulkan ICD installed, and VK_ICD_FILENAMES unset or pointing at one?); ${WEBGPU_INSTALL}`,
      };
    return { adapter: adapterFromInfo(adapter.info, adapter.isFallbackAdapter) };
  } catch (err) {
    return { unavailable: `requesting a WebGPU adapter failed: ${(err as Error).message}` };
  }
}

const CHILD_SCRIPT = `const m = await import(process.argv[1]); const g = m.create([]);
const a = await g.requestAdapter(); const i = a && a.info; const pick = {};
if (i) for (const k of ['vendor','architecture','device','description','isFallbackAdapter']) pick[k] = i[k];
process.stdout.write(JSON.stringify(a ? { info: pick, fallback: a.isFallbackAdapter } : null)); process.exit(0);`;

/**
 * The default WebGPU adapter probed in a short child process (for the parent, which never loads
 * a runtime or Dawn itself): `[]` with a reason when there is none. Times out after `timeoutMs`.
 */
export function probeAdapterInChild(timeoutMs = 30_000): Promise<AdapterProbe> {
  const entry = webgpuEntry();
  if (!entry) return Promise.resolve({ unavailable: `the npm package webgpu is not installed; ${WEBGPU_INSTALL}` });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CHILD_SCRIPT, entry],
      { timeout: timeoutMs, env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } },
      (err, stdout) => {
        if (err && !stdout)
          return resolve({ unavailable: `probing WebGPU adapters failed: ${err.message.split('\n')[0]}` });
        try {
          const parsed = JSON.parse(stdout.slice(stdout.indexOf('{') >= 0 ? stdout.indexOf('{') : 0)) as {
            info: Record<string, unknown>;
            fallback?: boolean;
          } | null;
          if (!parsed)
            return resolve({ unavailable: `no WebGPU adapter: Dawn found no Vulkan device; ${WEBGPU_INSTALL}` });
          resolve({ adapter: adapterFromInfo(parsed.info, parsed.fallback) });
        } catch {
          resolve({ unavailable: `no WebGPU adapter: Dawn found no Vulkan device; ${WEBGPU_INSTALL}` });
        }
      },
    );
  });
}
