/**
 * `ort-web:webgpu` in Node: onnxruntime-web's WebGPU EP over Dawn for Node (npm `webgpu`). It
 * does not work with onnxruntime-web 1.30 and webgpu 0.3, so the runtime is `unavailable` with
 * what was found (tried 2026-12: navigator.gpu from `webgpu`'s create([]), ort.webgpu.mjs):
 * 1. Every GPUQueue.writeBuffer fails with "Invalid argument": the EP passes views of the wasm
 *    module's memory, a SharedArrayBuffer, which Dawn for Node refuses.
 * 2. With a shim that copies those views, the session is created (shaders compile on llvmpipe),
 *    but the first run() never completes: the asyncify build spins waiting for the readback's
 *    mapAsync, which Dawn for Node does not resolve while the thread is busy.
 * onnxruntime-web's WebGPU EP runs in Chromium: `chromium/ort-web:webgpu`. In Node, WebGPU is
 * ort-node:webgpu (the native Dawn EP) or tfjs:webgpu.
 */
import { RuntimeError } from '../errors.js';
import type { ProbeResult, Runtime } from '../types.js';

export const ORT_WEB_WEBGPU_REASON =
  'onnxruntime-web\'s WebGPU EP does not run in Node over Dawn for Node (npm webgpu): queue.writeBuffer refuses its SharedArrayBuffer-backed wasm memory ("Invalid argument"), and with a copying shim the first run() never returns (the readback\'s mapAsync is never resolved). Use chromium/ort-web:webgpu (the same library in headless Chromium), or ort-node:webgpu / tfjs:webgpu in Node';

export function createOrtWebWebgpuRuntime(): Runtime {
  return {
    id: 'ort-web:webgpu',
    probe: async (): Promise<ProbeResult> => ({
      available: false,
      reason: ORT_WEB_WEBGPU_REASON,
      version: null,
      backends: [{ id: 'webgpu', available: false, reason: ORT_WEB_WEBGPU_REASON }],
    }),
    load: async () => {
      throw new RuntimeError(`ort-web:webgpu: ${ORT_WEB_WEBGPU_REASON}`);
    },
  };
}
