/** The browser runtimes are declared as data, and Chromium's absence is an answer with the install command. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  BROWSER_RUNTIMES,
  browserRuntimeSpec,
  createBrowserRuntime,
} from '../../../harness/browser/browser-runtimes.js';
import { CHROMIUM_INSTALL, findChromium, flagsFor } from '../../../harness/browser/chromium.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';

afterEach(() => {
  delete process.env.MLBENCH_CHROMIUM;
});

describe('browser runtimes', () => {
  it('are registered beside the Node runtimes, each with its library and backend', () => {
    for (const id of Object.keys(BROWSER_RUNTIMES)) expect(RUNTIMES[id], id).toBeDefined();
    expect(browserRuntimeSpec('chromium/tfjs:webgl')).toEqual({
      browser: 'chromium',
      library: 'tfjs',
      backend: 'webgl',
      nodeTwin: null,
    });
    expect(browserRuntimeSpec('ort-web:wasm')).toBeUndefined();
    expect(browserRuntimeSpec('toString')).toBeUndefined();
  });

  it('probe unavailable with the install command when Chromium is missing', async () => {
    process.env.MLBENCH_CHROMIUM = '/nonexistent/chromium';
    expect(findChromium()).toEqual({ reason: expect.stringContaining(CHROMIUM_INSTALL) });
    const probe = await createBrowserRuntime('chromium/ort-web:wasm').probe();
    expect(probe).toMatchObject({ available: false, reason: expect.stringContaining('apt-get install chromium') });
    expect(probe.version).toMatch(/^\d+\.\d+/);
  });

  it('refuse load() in Node: the scenario loop runs in the page', async () => {
    await expect(createBrowserRuntime('chromium/tfjs:wasm').load({} as never, {})).rejects.toThrow(
      /inside a Chromium page/,
    );
  });

  it('start Chromium off the network, with SwiftShader only for WebGL and WebGPU behind its flag', () => {
    for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
      expect(flagsFor(backend)).toEqual(
        expect.arrayContaining([
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
        ]),
      );
    }
    expect(flagsFor('wasm')).not.toContain('--enable-unsafe-swiftshader');
    expect(flagsFor('webgl')).toContain('--enable-unsafe-swiftshader');
    expect(flagsFor('webgpu')).toContain('--enable-unsafe-webgpu');
  });
});
