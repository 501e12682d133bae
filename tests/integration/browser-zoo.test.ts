/**
 * The browser host end to end (harness/browser): the zoo quick models at batch 1 on
 * chromium/ort-web:wasm and chromium/tfjs:wasm, each job in its own process with a fresh
 * headless Chromium. Outputs are checked against the float64 reference, the page is
 * cross-origin isolated and onnxruntime-web runs on every logical core (more than one thread),
 * from its wasm-only build (the binary its Node build runs).
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../harness/isolate/runner.js';
import { findChromium } from '../../harness/browser/chromium.js';
import type { Job } from '../../harness/types.js';
import { zooSuite } from '../../suites/zoo/index.js';
import { completeSettings } from '../../harness/config/settings.js';

const HAVE_CHROMIUM = 'executable' in findChromium();
const FAST = {
  minDurationMs: 0,
  minQueryCount: 16,
  warmupQueries: 2,
  warmupMs: 0,
  timeoutMs: 120_000,
  cacheDir: 'out/cache',
};

function jobsOn(runtime: string): Job[] {
  return zooSuite
    .workloads('quick')
    .filter((w) => w.id.endsWith('-b1'))
    .map((w) => ({
      id: `zoo/${w.id}/${runtime}/single-stream`,
      suite: 'zoo',
      workload: w,
      runtime,
      scenario: 'single-stream',
      repeat: 0,
      settings: completeSettings({ ...w.settings, ...FAST }),
    }));
}

describe.runIf(!HAVE_CHROMIUM && Boolean(process.env.CI))('browser host (CI)', () => {
  it('has Chromium', () => expect.fail('CI is set but no Chromium was found: install it (apt-get install chromium)'));
});

describe.skipIf(!HAVE_CHROMIUM)('browser host: zoo quick models in Chromium', () => {
  for (const runtime of ['chromium/ort-web:wasm', 'chromium/tfjs:wasm']) {
    it(`${runtime} runs mobilenet-q64 and resnet-q64 with parity against float64`, async () => {
      for (const job of jobsOn(runtime)) {
        const result = await runJob(job);
        expect(result.status, JSON.stringify(result.error)).toBe('ok');
        expect(result.runtime).toMatchObject({ id: runtime.split(':')[0], backend: 'wasm' });
        expect(result.parity).toMatchObject({ reference: 'float64 (architecture description)', pass: true });
        expect((result.parity as { maxAbsDiff: number }).maxAbsDiff).toBeGreaterThan(0);
        expect(result.latencyNs!.p50).toBeGreaterThan(0);
        expect(result.samplesNs?.length).toBeGreaterThanOrEqual(16);
        const browser = result.runtime.options.browser as Record<string, unknown>;
        expect(browser).toMatchObject({ name: 'chromium', crossOriginIsolated: true, freshProfile: true });
        expect(browser.version).toMatch(/^\d+\./);
        expect(browser.hardwareConcurrency).toBeGreaterThan(0);
        if (runtime === 'chromium/ort-web:wasm') {
          // Every logical core by default (browser.wasmThreads 0); CI machines have more than one.
          expect(result.runtime.threads).toBe(browser.hardwareConcurrency);
          expect(result.runtime.threads).toBeGreaterThan(1);
          // The wasm-only build: the same ort-wasm-simd-threaded.wasm as ort-web:wasm in Node.
          expect(result.runtime.options.build).toBe('ort.wasm.min.mjs');
        } else {
          expect(result.runtime.options).toMatchObject({ backend: 'wasm', multithread: true });
        }
      }
    }, 300_000);
  }
});
