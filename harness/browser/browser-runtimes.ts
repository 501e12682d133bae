/**
 * The browser host's runtimes: `chromium/<library>:<backend>`, declared here as data (library,
 * backend), never parsed from the id. A browser runtime's Runtime answers probe() (Chromium
 * present, its version, and for WebGPU whether the browser exposes an adapter); its jobs run
 * their scenario loop inside the page (harness/browser/browser-job.ts), so load() in this
 * process is refused.
 */
import { createRequire } from 'node:module';
import { RuntimeError } from '../errors.js';
import type { ProbeResult, Runtime } from '../types.js';
import { chromiumVersion, findChromium, flagsFor, launchChromium } from './chromium.js';
import { browserRuntimeSpec, BROWSER_RUNTIMES, type PageLibrary } from './browser-specs.js';

export { BROWSER_RUNTIMES, browserRuntimeSpec, type BrowserRuntimeSpec } from './browser-specs.js';

const LIBRARY_PACKAGE: Record<PageLibrary, string> = { 'ort-web': 'onnxruntime-web', tfjs: '@tensorflow/tfjs' };

function libraryVersion(library: PageLibrary): string | null {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve(LIBRARY_PACKAGE[library]);
    const pkg =
      main.slice(0, main.lastIndexOf(`/node_modules/${LIBRARY_PACKAGE[library]}/`)) +
      `/node_modules/${LIBRARY_PACKAGE[library]}/package.json`;
    return (require(pkg) as { version: string }).version;
  } catch {
    return null;
  }
}

/** Whether the browser gives a page a WebGPU adapter (a real start of the browser, ~1-2 s). */
async function probeWebgpu(
  executable: string,
): Promise<{ ok: true; adapter: Record<string, unknown> } | { ok: false; reason: string }> {
  const browser = await launchChromium(executable, flagsFor('webgpu'));
  try {
    const { startPageServer } = await import('./page-server.js');
    const server = await startPageServer({ bundleDir: '/nonexistent', model: new Uint8Array() });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const found = await page.evaluate(async () => {
        const gpu = (
          navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown> } | null> } }
        ).gpu;
        if (!gpu) return { reason: 'navigator.gpu is undefined in this Chromium' };
        const adapter = await gpu.requestAdapter();
        if (!adapter)
          return {
            reason: 'navigator.gpu.requestAdapter() returned null: this Chromium exposes no WebGPU adapter here',
          };
        const info = adapter.info ?? {};
        return {
          adapter: {
            vendor: info.vendor,
            architecture: info.architecture,
            description: info.description,
            isFallbackAdapter: info.isFallbackAdapter,
          },
        };
      });
      return 'adapter' in found
        ? { ok: true, adapter: found.adapter as Record<string, unknown> }
        : { ok: false, reason: String(found.reason) };
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
  }
}

// One Chromium version read and one WebGPU adapter check per process, shared by every browser runtime's probe.
let versionOnce: Promise<string | null> | undefined;
let webgpuOnce: ReturnType<typeof probeWebgpu> | undefined;

/** The Runtime of a browser runtime id (probe only; jobs go through executeBrowserJob). */
export function createBrowserRuntime(id: string): Runtime {
  const spec = browserRuntimeSpec(id);
  if (!spec)
    throw new RuntimeError(`${id} is not a browser runtime. Valid: ${Object.keys(BROWSER_RUNTIMES).join(', ')}`);
  return {
    id,
    async probe(): Promise<ProbeResult> {
      const version = libraryVersion(spec.library);
      const found = findChromium();
      const backend = (available: boolean, reason?: string) => [
        { id: spec.backend, available, ...(reason ? { reason } : {}) },
      ];
      if ('reason' in found)
        return { available: false, reason: found.reason, version, backends: backend(false, found.reason) };
      versionOnce ??= chromiumVersion(found.executable);
      const details: Record<string, unknown> = { browser: await versionOnce, executable: found.executable };
      if (spec.backend === 'webgpu') {
        webgpuOnce ??= probeWebgpu(found.executable).catch((err: unknown) => ({
          ok: false as const,
          reason: `starting Chromium failed: ${(err as Error).message}`,
        }));
        const gpu = await webgpuOnce;
        if (!gpu.ok)
          return { available: false, reason: gpu.reason, version, backends: backend(false, gpu.reason), details };
        details.adapter = gpu.adapter;
      }
      return { available: true, version, backends: backend(true), details };
    },
    async load() {
      throw new RuntimeError(
        `${id} runs its scenario loop inside a Chromium page: its jobs go through the browser host (harness/browser/browser-job.ts), not Runtime.load in Node`,
      );
    },
  };
}
