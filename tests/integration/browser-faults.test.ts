/**
 * The browser host's failures are data: a page that throws is `failed` (E_PAGE), a page whose
 * main thread hangs is stopped at the job timeout (`timeout`), and no Chromium is `unavailable`
 * with the install command. Faults are injected with MLBENCH_BROWSER_FAULT, which the job
 * process hands to the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runJob } from '../../harness/isolate/runner.js';
import { findChromium } from '../../harness/browser/chromium.js';
import type { Job } from '../../harness/types.js';
import { zooSuite } from '../../suites/zoo/index.js';
import { completeSettings } from '../../harness/config/settings.js';

const HAVE_CHROMIUM = 'executable' in findChromium();

function job(timeoutMs: number): Job {
  const w = zooSuite.workloads('quick').find((x) => x.id === 'mobilenet-q64-b1')!;
  return {
    id: 'zoo/mobilenet-q64-b1/chromium/ort-web:wasm/single-stream',
    suite: 'zoo',
    workload: w,
    runtime: 'chromium/ort-web:wasm',
    scenario: 'single-stream',
    repeat: 0,
    settings: completeSettings({ ...w.settings, timeoutMs, cacheDir: 'out/cache' }),
  };
}

afterEach(() => {
  delete process.env.MLBENCH_BROWSER_FAULT;
  delete process.env.MLBENCH_CHROMIUM;
});

describe('browser host without Chromium', () => {
  it('is unavailable with the install command', async () => {
    process.env.MLBENCH_CHROMIUM = '/nonexistent/chromium';
    const result = await runJob(job(60_000));
    expect(result.status).toBe('unavailable');
    expect(result.error?.message).toContain('apt-get install chromium');
  });
});

describe.skipIf(!HAVE_CHROMIUM)('browser host faults', () => {
  it("a page that throws is failed, with the page's message", async () => {
    process.env.MLBENCH_BROWSER_FAULT = 'throw';
    const result = await runJob(job(120_000));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ code: 'E_PAGE' });
    expect(result.error?.message).toMatch(/injected fault/);
  }, 150_000);

  it('a page that hangs is stopped at the job timeout', async () => {
    process.env.MLBENCH_BROWSER_FAULT = 'hang';
    const result = await runJob(job(20_000));
    expect(result.status).toBe('timeout');
    expect(result.error?.code).toBe('E_TIMEOUT');
  }, 60_000);
});
