/**
 * The browser host's runtimes as data: `chromium/<library>:<backend>` -> its library and backend.
 * Nothing is parsed from the id. No imports, so the planner and the report may read it.
 */

/** The libraries the page hosts, and the backends they offer there. */
export type PageLibrary = 'ort-web' | 'tfjs';
export type PageBackend = 'wasm' | 'webgl' | 'webgpu';

export interface BrowserRuntimeSpec {
  browser: 'chromium';
  library: PageLibrary;
  backend: PageBackend;
  /** The same library and backend in Node, for side-by-side comparisons; null when Node has none (WebGL). */
  nodeTwin: string | null;
}

/** Every browser runtime, by id. */
export const BROWSER_RUNTIMES: Readonly<Record<string, BrowserRuntimeSpec>> = {
  'chromium/ort-web:wasm': { browser: 'chromium', library: 'ort-web', backend: 'wasm', nodeTwin: 'ort-web:wasm' },
  'chromium/ort-web:webgpu': { browser: 'chromium', library: 'ort-web', backend: 'webgpu', nodeTwin: 'ort-web:webgpu' },
  'chromium/tfjs:wasm': { browser: 'chromium', library: 'tfjs', backend: 'wasm', nodeTwin: 'tfjs:wasm' },
  'chromium/tfjs:webgl': { browser: 'chromium', library: 'tfjs', backend: 'webgl', nodeTwin: null },
  'chromium/tfjs:webgpu': { browser: 'chromium', library: 'tfjs', backend: 'webgpu', nodeTwin: 'tfjs:webgpu' },
};

/** The spec of a browser runtime id, or undefined for a Node runtime. */
export function browserRuntimeSpec(id: string): BrowserRuntimeSpec | undefined {
  return Object.hasOwn(BROWSER_RUNTIMES, id) ? BROWSER_RUNTIMES[id] : undefined;
}
