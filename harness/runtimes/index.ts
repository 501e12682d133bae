/**
 * The runtime registry: every built-in runtime, declared explicitly (never discovered by
 * scanning). Factories import their adapter lazily, so nothing heavy loads until a job needs it.
 */
import type { Runtime } from '../types.js';

export { formatRuntimeId, parseRuntimeId } from '../common/format.js';

export const RUNTIMES: Record<string, () => Promise<Runtime>> = {
  null: async () => (await import('./null.js')).createNullRuntime(),
  'ort-node:cpu': async () => (await import('./ort-node.js')).createOrtNodeRuntime('cpu'),
  'ort-node:cuda': async () => (await import('./ort-node.js')).createOrtNodeRuntime('cuda'),
  'ort-node:tensorrt': async () => (await import('./ort-node.js')).createOrtNodeRuntime('tensorrt'),
  'ort-node:webgpu': async () => (await import('./ort-node.js')).createOrtNodeRuntime('webgpu'),
  'ort-node:dml': async () => (await import('./ort-node.js')).createOrtNodeRuntime('dml'),
  'ort-node:coreml': async () => (await import('./ort-node.js')).createOrtNodeRuntime('coreml'),
  'ort-web:wasm': async () => (await import('./ort-web.js')).createOrtWebRuntime('wasm'),
  'tfjs:cpu': async () => (await import('./tfjs.js')).createTfjsRuntime('cpu'),
  'tfjs:wasm': async () => (await import('./tfjs.js')).createTfjsRuntime('wasm'),
  'tfjs-node:tensorflow': async () => (await import('./tfjs-node.js')).createTfjsNodeRuntime('tfjs-node'),
  'tfjs-node-gpu:cuda': async () => (await import('./tfjs-node.js')).createTfjsNodeRuntime('tfjs-node-gpu'),
};

export function runtimeIds(): string[] {
  return Object.keys(RUNTIMES);
}

export async function createRuntime(id: string): Promise<Runtime> {
  if (id.startsWith('external:')) return (await import('./external.js')).createExternalRuntime(id);
  const factory = RUNTIMES[id];
  if (!factory) throw new Error(`unknown runtime ${id}`);
  return factory();
}
