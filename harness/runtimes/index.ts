/**
 * The runtime registry: every built-in runtime, declared explicitly (never discovered by
 * scanning), each with its descriptor (descriptor.ts: family, model formats, device, host,
 * settings group, trains, start cost). Factories import their adapter lazily, so nothing heavy
 * loads until a job needs it. `external:<cmd>` peers are not listed: any such id is a peer.
 */
import { isExternalRuntimeId } from '../common/format.js';
import type { Runtime } from '../types.js';
import {
  EXTERNAL_DESCRIPTOR,
  NULL_DESCRIPTOR,
  ORT_WEB_WASM,
  inBrowser,
  ortNode,
  tfjs,
  type ModelFormat,
  type RuntimeDescriptor,
  type RuntimeEntry,
} from './descriptor.js';

/** A browser-host entry: its factory builds the probe-only Runtime of harness/browser. */
const browserEntry = (id: string, d: RuntimeDescriptor): RuntimeEntry<Runtime> => ({
  ...d,
  create: async () => (await import('../browser/browser-runtimes.js')).createBrowserRuntime(id),
});

export { formatRuntimeId, isExternalRuntimeId, parseRuntimeId } from '../common/format.js';
export type { ModelFormat, RuntimeDescriptor, RuntimeEntry, RuntimeFamily } from './descriptor.js';

export const RUNTIMES: Record<string, RuntimeEntry<Runtime>> = {
  null: { ...NULL_DESCRIPTOR, create: async () => (await import('./null.js')).createNullRuntime() },
  'ort-node:cpu': {
    ...ortNode('cpu'),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('cpu'),
  },
  'ort-node:cuda': {
    ...ortNode('gpu'),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('cuda'),
  },
  'ort-node:tensorrt': {
    ...ortNode('gpu'),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('tensorrt'),
  },
  'ort-node:webgpu': {
    ...ortNode('gpu', true),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('webgpu'),
  },
  'ort-node:dml': {
    ...ortNode('gpu'),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('dml'),
  },
  'ort-node:coreml': {
    ...ortNode('gpu'),
    create: async () => (await import('./ort-node.js')).createOrtNodeRuntime('coreml'),
  },
  'ort-web:wasm': { ...ORT_WEB_WASM, create: async () => (await import('./ort-web.js')).createOrtWebRuntime('wasm') },
  // Unavailable in Node with the reason found (ort-web-webgpu.ts); chromium/ort-web:webgpu runs it.
  'ort-web:webgpu': {
    ...ORT_WEB_WASM,
    device: 'gpu',
    precisionNeeds: { fp16: 'shader-f16' },
    create: async () => (await import('./ort-web-webgpu.js')).createOrtWebWebgpuRuntime(),
  },
  'tfjs:cpu': { ...tfjs('cpu', 300, 4), create: async () => (await import('./tfjs.js')).createTfjsRuntime('cpu') },
  'tfjs:wasm': { ...tfjs('cpu', 300), create: async () => (await import('./tfjs.js')).createTfjsRuntime('wasm') },
  // tfjs-backend-webgpu over Dawn for Node; training is left to the cpu/wasm/native backends.
  'tfjs:webgpu': {
    ...tfjs('gpu', 3000),
    trains: false,
    create: async () => (await import('./tfjs-webgpu.js')).createTfjsWebgpuRuntime(),
  },
  'tfjs-node:tensorflow': {
    ...tfjs('cpu', 500),
    create: async () => (await import('./tfjs-node.js')).createTfjsNodeRuntime('tfjs-node'),
  },
  'tfjs-node-gpu:cuda': {
    ...tfjs('gpu', 800),
    create: async () => (await import('./tfjs-node.js')).createTfjsNodeRuntime('tfjs-node-gpu'),
  },
  // The browser host (harness/browser): the web runtimes inside a headless Chromium page.
  'chromium/ort-web:wasm': browserEntry('chromium/ort-web:wasm', inBrowser('onnx', 'cpu')),
  'chromium/ort-web:webgpu': browserEntry('chromium/ort-web:webgpu', inBrowser('onnx', 'gpu')),
  'chromium/tfjs:wasm': browserEntry('chromium/tfjs:wasm', inBrowser('tfjs', 'cpu')),
  'chromium/tfjs:webgl': browserEntry('chromium/tfjs:webgl', inBrowser('tfjs', 'gpu')),
  'chromium/tfjs:webgpu': browserEntry('chromium/tfjs:webgpu', inBrowser('tfjs', 'gpu')),
};

export function runtimeIds(): string[] {
  return Object.keys(RUNTIMES);
}

/** The descriptor of a runtime id (a built-in or any `external:<cmd>`); undefined for an unknown id. */
export function describeRuntime(id: string): RuntimeDescriptor | undefined {
  if (isExternalRuntimeId(id)) return EXTERNAL_DESCRIPTOR;
  const entry = RUNTIMES[id];
  if (!entry) return undefined;
  const { create: _create, ...descriptor } = entry;
  return descriptor;
}

/** Whether a runtime's descriptor lists `format` among the model formats it takes (false for an unknown id). */
export function takesModelFormat(runtimeId: string, format: ModelFormat): boolean {
  return describeRuntime(runtimeId)?.modelFormats.includes(format) ?? false;
}

/** Registered runtime ids whose descriptor satisfies `test`, in registry order. */
export function runtimesWhere(test: (d: RuntimeDescriptor) => boolean): string[] {
  return runtimeIds().filter((id) => test(describeRuntime(id)!));
}

/** Every settings namespace a runtime declares (`null`, `ort`, `ortWeb`, `tfjs`, `external`). */
export function runtimeSettingsGroups(): string[] {
  return [...new Set([...Object.values(RUNTIMES).map((r) => r.settingsGroup), EXTERNAL_DESCRIPTOR.settingsGroup])];
}

export async function createRuntime(id: string): Promise<Runtime> {
  if (isExternalRuntimeId(id)) return (await import('./external.js')).createExternalRuntime(id);
  const entry = RUNTIMES[id];
  if (!entry) throw new Error(`unknown runtime ${id}`);
  return entry.create();
}
