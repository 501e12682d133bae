/**
 * `npm run bench:browser`: the web runtimes in Node and in Chromium, side by side. For the zoo
 * quick models (single-stream, batch 1), ort-web:wasm and tfjs:wasm run in Node and as
 * chromium/<runtime> in a cross-origin-isolated headless Chromium page, at 1 wasm thread and at
 * all threads (os.availableParallelism() in Node, navigator.hardwareConcurrency in the page).
 * tfjs:wasm in Node is single-threaded whatever is asked (no cross-origin isolation there), so its
 * "all" row pairs the browser's threads with Node's one thread: the table shows both counts.
 *
 * Design (DESIGN.md, statistics): the unit of variance is the run (one job process); each pair
 * (Node job, browser job of one model x runtime x threads) runs back to back, in a seeded coin
 * order, and the pairs of a repeat in a seeded shuffled order, so drift and load hit both hosts
 * alike. The ratio browser/Node is taken within each pair (the p50 of each job), then its median
 * over the repeats with the range [min, max]; p50 per host is the median of the repeats' p50s.
 * All jobs go into one result file (workloads `<id>@threads-1` and `<id>@threads-all`), so
 * `mlbench report` shows them in its Node-vs-browser view. A benchmark, never a test: it prints
 * and exits 0 whatever the figures (1 when Chromium is missing).
 *
 *   npm run bench:browser -- [--repeats 3] [--min-duration-ms ms] [--min-queries n] [--results-dir out/results]
 *
 * Expected time: ~4 min at the defaults on a quiet 2-core machine (48 fresh job processes, most of
 * each one start-up: Chromium, wasm compile, parity); 1 repeat took 201 s at a load average of 10.
 * Measurement per job: the zoo quick profile's (500 ms and 64 queries, 4 warm-up queries) unless
 * --min-duration-ms / --min-queries say otherwise. A smoke run: --repeats 1 --min-duration-ms 0 --min-queries 8.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { findChromium } from '../harness/browser/chromium.js';
import { newRunId, resultFile } from '../harness/cli/run-output.js';
import { formatNs, formatTable } from '../harness/common/format.js';
import { completeSettings } from '../harness/config/settings.js';
import { runJob } from '../harness/isolate/runner.js';
import { median } from '../harness/measure/percentiles.js';
import { collectMachine } from '../harness/system/metadata.js';
import type { Job } from '../harness/types.js';
import { createRng } from '../results/stats/index.js';
import { resultPath, writeResult } from '../results/store.js';
import type { JobResult } from '../results/schema.js';
import { zooSuite } from '../suites/zoo/index.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? '');
}
function count(name: string, min: number): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} ${v}: expected a whole number >= ${min}\n`);
    process.exit(2);
  }
  return n;
}

const repeats = count('repeats', 1) ?? 3;
/** The quick profile's own measurement settings unless a flag overrides them. */
const minDurationMs = count('min-duration-ms', 0);
const minQueryCount = count('min-queries', 1);
const measurement = {
  ...(minDurationMs !== undefined ? { minDurationMs } : {}),
  ...(minQueryCount !== undefined ? { minQueryCount } : {}),
  timeoutMs: 180_000,
};
const resultsDir = arg('results-dir') || 'out/results';
const chromium = findChromium();
if (!('executable' in chromium)) {
  process.stderr.write(`bench:browser needs Chromium: ${chromium.reason}\n`);
  process.exit(1);
}

const ALL = availableParallelism();
const LIBRARIES = ['ort-web:wasm', 'tfjs:wasm'] as const;
const THREADS = [
  { label: '1', count: 1 },
  { label: 'all', count: ALL },
] as const;
const workloads = zooSuite.workloads('quick').filter((w) => w.id.endsWith('-b1'));

interface Cell {
  model: string;
  library: string;
  threads: (typeof THREADS)[number];
}
interface Pair {
  node: JobResult;
  browser: JobResult;
}
const cells: Cell[] = workloads.flatMap((w) =>
  LIBRARIES.flatMap((library) => THREADS.map((threads) => ({ model: w.id, library, threads }))),
);
const key = (c: Cell) => `${c.model}|${c.library}|${c.threads.label}`;

function jobFor(c: Cell, host: 'node' | 'browser', repeat: number): Job {
  const w = workloads.find((x) => x.id === c.model)!;
  const workload = { ...w, id: `${w.id}@threads-${c.threads.label}` };
  const runtime = host === 'node' ? c.library : `chromium/${c.library}`;
  const threads = host === 'node' ? { 'ortWeb.threads': c.threads.count } : { 'browser.wasmThreads': c.threads.count };
  return {
    id: `zoo/${workload.id}/${runtime}/single-stream#${repeat}`,
    suite: 'zoo',
    workload,
    runtime,
    scenario: 'single-stream',
    repeat,
    settings: completeSettings({ ...w.settings, ...measurement, ...threads }, `bench:browser ${c.model} settings`),
  };
}

const startedAt = new Date();
const machine = await collectMachine();
const rng = createRng(20261205);
const pairs = new Map<string, Pair[]>();
const all: JobResult[] = [];
const t0 = Date.now();
process.stdout.write(
  `bench:browser: ${cells.length} pairs x ${repeats} repeats, ${ALL} logical cores, ${chromium.executable}\n`,
);
for (let r = 0; r < repeats; r++) {
  const order = [...cells];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (const c of order) {
    const hosts: Array<'node' | 'browser'> = rng.uniform() < 0.5 ? ['node', 'browser'] : ['browser', 'node'];
    const done: Partial<Pair> = {};
    for (const host of hosts) {
      const result = await runJob(jobFor(c, host, r));
      done[host] = result;
      all.push(result);
    }
    const pair = done as Pair;
    (pairs.get(key(c)) ?? pairs.set(key(c), []).get(key(c))!).push(pair);
    const p50 = (j: JobResult) => (j.status === 'ok' ? formatNs(j.latencyNs?.p50) : j.status);
    process.stdout.write(
      `  [${r + 1}/${repeats}] ${c.model} ${c.library} threads ${c.threads.label}: node ${p50(pair.node)}, chromium ${p50(pair.browser)}  (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`,
    );
  }
}

const fmtRatio = (x: number) => `${x.toFixed(2)}×`;
const threadsOf = (ps: JobResult[]) => [...new Set(ps.map((j) => j.runtime.threads ?? '?'))].join('/');
const rows = cells.map((c) => {
  const ps = pairs.get(key(c)) ?? [];
  const ok = ps.filter(
    (p) => p.node.status === 'ok' && p.browser.status === 'ok' && p.node.latencyNs && p.browser.latencyNs,
  );
  const bad = ps.flatMap((p) => [p.node, p.browser]).filter((j) => j.status !== 'ok');
  const badText = bad.length
    ? `${bad.length} not ok: ${[...new Set(bad.map((j) => `${j.runtime.id} ${j.status} ${j.error?.code ?? ''}`.trim()))].join('; ')}`
    : '';
  if (!ok.length) return [c.model, c.library, c.threads.label, '—', '—', '—', '—', '—', badText || 'no runs'];
  const ratios = ok.map((p) => p.browser.latencyNs!.p50 / p.node.latencyNs!.p50);
  return [
    c.model,
    c.library,
    c.threads.label,
    threadsOf(ok.map((p) => p.node)),
    threadsOf(ok.map((p) => p.browser)),
    formatNs(median(ok.map((p) => p.node.latencyNs!.p50))),
    formatNs(median(ok.map((p) => p.browser.latencyNs!.p50))),
    `${fmtRatio(median(ratios))} [${fmtRatio(Math.min(...ratios))}, ${fmtRatio(Math.max(...ratios))}] n=${ok.length}`,
    badText,
  ];
});
const header = [
  'model',
  'runtime',
  'threads',
  'node thr',
  'chromium thr',
  'node p50',
  'chromium p50',
  'chromium/node p50 median [min, max]',
  'notes',
];
process.stdout.write(`\n${formatTable(header, rows, [false, false, false, true, true, true, true, true, false])}\n`);
process.stdout.write(
  'ratio above 1: the browser is slower. Each ratio is taken within a back-to-back pair of fresh processes; median and range over the repeats.\n',
);

const browserFacts = all.find((j) => j.runtime.options?.browser)?.runtime.options.browser as
  Record<string, unknown> | undefined;
if (browserFacts)
  process.stdout.write(
    `Chromium ${String(browserFacts.version)}, crossOriginIsolated ${String(browserFacts.crossOriginIsolated)}, hardwareConcurrency ${String(browserFacts.hardwareConcurrency)}\n`,
  );
const runId = newRunId(startedAt);
const file = resultPath(path.resolve(resultsDir), machine.id, runId);
const settings = {
  suites: ['zoo'],
  runtimes: [...LIBRARIES, ...LIBRARIES.map((l) => `chromium/${l}`)],
  scenarios: ['single-stream'],
  profile: 'quick',
  ...measurement,
  repeats,
};
await writeResult(
  file,
  resultFile(
    { runId, startedAt, commandLine: `bench:browser ${process.argv.slice(2).join(' ')}`.trim(), settings, machine },
    all,
  ),
);
process.stdout.write(
  `result file: ${file} (mlbench report ${path.relative(process.cwd(), file)} shows the Node-vs-browser view); ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
);
