/**
 * A browser-host job, in the job process: build the model, bundle the page code (cached), serve
 * page + model from 127.0.0.1 with COOP/COEP, start a fresh headless Chromium, and have the page
 * run the same Runtime contract and scenario code (harness/browser/page-entry.ts) with
 * performance.now() as its clock. The raw scenario result and the first query's inputs and
 * outputs come back; parity against the float64 reference and FLOPs are computed here, as for a
 * Node job. Failures are data: an error thrown in the page is `failed` (E_PAGE), a crashed page
 * or browser is `crashed` (E_BROWSER_CRASH), a page that never answers is stopped by the job
 * timeout (`timeout`), no Chromium is `unavailable` with the install command.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { buildModel, parseArchDescription, zooDescription } from '../models/index.js';
import type { ArchDescription } from '../arch.js';
import type { Job, ModelRef } from '../types.js';
import type { JobOutcome } from '../isolate/protocol.js';
import { parityOf } from '../isolate/execute.js';
import type { BrowserRuntimeSpec } from './browser-runtimes.js';
import { chromiumVersion, findChromium, flagsFor, launchChromium } from './chromium.js';
import { ensurePageBundle } from './page-bundle.js';
import { startPageServer } from './page-server.js';
import { decodeFeeds, type PageJob, type PageOutcome } from './wire.js';

const msSince = (t0: number) => performance.now() - t0;

/** The architecture description the page resolves for tfjs (zoo and trained models), else undefined. */
async function descriptionOf(ref: ModelRef): Promise<ArchDescription | undefined> {
  if (ref.kind === 'zoo') return zooDescription(ref.arch, ref.params ?? {}, ref.seed);
  if (ref.kind === 'trained') return parseArchDescription(JSON.parse(await readFile(ref.path, 'utf8')), ref.path);
  return undefined;
}

/** A page-side failure as a status: crashes apart from errors. */
class PageCrash extends Error {}

/** Runs the page job, turning a page crash or a closed browser into PageCrash. */
async function runInPage(browser: Browser, page: Page, url: string, pageJob: PageJob): Promise<PageOutcome> {
  let pageError: Error | undefined;
  page.on('pageerror', (err) => {
    pageError ??= err;
  });
  const crashed = new Promise<never>((_, reject) => {
    page.on('crash', () => reject(new PageCrash('the page crashed (renderer process died)')));
    browser.on('disconnected', () => reject(new PageCrash('the browser closed or died during the job')));
  });
  const work = (async () => {
    await page.goto(url);
    await page
      .waitForFunction(() => typeof window.mlbenchRunJob === 'function', undefined, { timeout: 120_000 })
      .catch((err: Error) => {
        throw new Error(`the page did not load its code${pageError ? `: ${pageError.message}` : ` (${err.message})`}`);
      });
    return page.evaluate((job) => window.mlbenchRunJob!(job), pageJob);
  })();
  return Promise.race([work, crashed]);
}

/** Runs `job` on the browser runtime `spec`. */
export async function executeBrowserJob(
  job: Job,
  spec: BrowserRuntimeSpec,
  progress: (message: string) => void,
): Promise<JobOutcome> {
  const found = findChromium();
  if ('reason' in found) return { status: 'unavailable', error: { code: 'E_RUNTIME', message: found.reason } };
  if (job.workload.kind !== 'inference' || job.workload.model.kind === 'micro') {
    return {
      status: 'failed',
      error: {
        code: 'E_RUNTIME',
        message: `${job.runtime} runs inference workloads only (this one is ${job.workload.model.kind === 'micro' ? 'a micro op' : 'training'})`,
      },
    };
  }
  const settings = job.settings;
  const model = await buildModel(job.workload.model);
  if (model.tfjs)
    return {
      status: 'failed',
      error: {
        code: 'E_RUNTIME',
        message: `${job.runtime} runs zoo, trained and ONNX models; ${model.tfjs.path} (a TensorFlow.js model.json) is not served to the page`,
      },
    };
  if (model.file?.externalData.length)
    return {
      status: 'failed',
      error: {
        code: 'E_RUNTIME',
        message: `${job.runtime}: ${model.file.path} has external data files, which the page is not served`,
      },
    };
  const description = await descriptionOf(job.workload.model);
  progress(`${job.id}: bundling the page`);
  const bundleDir = await ensurePageBundle(settings.cacheDir);
  const server = await startPageServer({ bundleDir, model: model.onnx });
  const flags = flagsFor(spec.backend);
  const fault = process.env.MLBENCH_BROWSER_FAULT;
  const pageJob: PageJob = {
    jobId: job.id,
    library: spec.library,
    backend: spec.backend,
    scenario: job.scenario,
    settings,
    model: {
      name: model.name,
      inputs: model.inputs,
      outputs: model.outputs,
      onnxUrl: '/model.onnx',
      ...(description ? { description } : {}),
    },
    ...(fault === 'throw' || fault === 'hang' ? { fault } : {}),
  };
  let browser: Browser | undefined;
  try {
    let t0 = performance.now();
    browser = await launchChromium(found.executable, flags);
    const browserStartMs = msSince(t0);
    const page = await browser.newPage();
    // MLBENCH_BROWSER_DEBUG=1: the page's console and requests on this job's stderr.
    if (process.env.MLBENCH_BROWSER_DEBUG) {
      page.on('console', (m) => process.stderr.write(`[page console.${m.type()}] ${m.text()}\n`));
      page.on('request', (r) => process.stderr.write(`[page request] ${r.url()}\n`));
    }
    progress(`${job.id}: measuring ${job.scenario} in ${browser.version()}`);
    t0 = performance.now();
    let out: PageOutcome;
    try {
      out = await runInPage(browser, page, server.url, pageJob);
    } catch (err) {
      if (err instanceof PageCrash)
        return { status: 'crashed', error: { code: 'E_BROWSER_CRASH', message: `${job.runtime}: ${err.message}` } };
      const message = (err as Error).message.replace(/^page\.evaluate: /, '').split('\n')[0];
      return { status: 'failed', error: { code: 'E_PAGE', message: `${job.runtime}: the page threw: ${message}` } };
    }
    const feeds = decodeFeeds(out.firstFeeds);
    const outputs = decodeFeeds(out.firstOutputs);
    // The session lives in the page: parity checks the first query, the one sample that came back.
    const onlyFirst = { count: 1, feeds: () => feeds };
    const pageSession = {
      run: () => Promise.reject(new Error('the page session is not reachable from the job process')),
      dispose: async () => undefined,
    };
    const parity = await parityOf(job, settings, model, pageSession, onlyFirst, feeds, outputs, true);
    const parityFailed = 'pass' in parity && !parity.pass;
    const scenario = out.scenario;
    const flopsPerSample = model.flopsPerSample;
    const flops =
      flopsPerSample !== undefined ? flopsPerSample * (job.scenario === 'offline' ? settings.batchSize : 1) : undefined;
    const achievedGflops =
      flopsPerSample !== undefined && scenario.throughputPerS !== undefined
        ? (flopsPerSample * scenario.throughputPerS) / 1e9
        : undefined;
    const env = out.environment;
    const browserFacts = {
      name: 'chromium',
      version: browser.version(),
      versionLine: await chromiumVersion(found.executable),
      executable: found.executable,
      flags,
      freshProfile: true,
      browserStartMs,
      pageMs: msSince(t0),
      ...env,
    };
    return {
      ...scenario,
      status: parityFailed ? 'failed' : scenario.status,
      ...(parityFailed
        ? {
            error: {
              code: 'E_PARITY',
              message: `outputs differ from ${parity.reference}: max abs diff ${parity.maxAbsDiff}${parity.reason ? ` (${parity.reason})` : ''}`,
            },
          }
        : {}),
      runtimeInfo: {
        version: out.version,
        threads: out.info.threads,
        options: { ...out.info.options, host: 'browser', browser: browserFacts },
      },
      coldStart: out.coldStart,
      parity,
      flops,
      achievedGflops,
      ...(out.leakedTensors !== undefined
        ? { memory: { peakRssBytes: process.resourceUsage().maxRSS * 1024, leakedTensors: out.leakedTensors } }
        : {}),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}
