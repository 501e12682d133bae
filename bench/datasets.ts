/**
 * Dataset benchmark (not a test): flights, 3,000,000 rows, into the rows x 8 float32 feature
 * matrix (a) the first time: parquet decode (hyparquet + ZSTD), split, cache write, matrix; and
 * (b) from the cache: read + sha256 verification of the cache file, matrix. Each run is a fresh
 * Node process (nothing JIT-warm or cached in memory), timed inside it from just before the load
 * to just after; module import is excluded and reported apart. Prints every run, the medians of
 * wall time and of CPU time (the latter less distorted when other processes share the cores).
 * Goals on the 2-core reference machine: (a) <= 4 s, (b) <= 0.5 s.
 *
 *   npm run bench:datasets [-- <runs>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../harness/measure/percentiles.js';

interface ChildResult {
  mode: string;
  importMs: number;
  loadMs: number;
  cpuMs: number;
  decodeMs?: number;
  rows: number;
  fromCache: boolean;
}

async function child(mode: 'first' | 'cache', cacheDir: string): Promise<void> {
  const t0 = performance.now();
  const { loadFlightsSlice } = await import('../datasets/flights/flights.js');
  const t1 = performance.now();
  let decodeEnd = 0;
  const cpu0 = process.cpuUsage();
  const slice = await loadFlightsSlice('all', {
    cacheDir,
    onEvent: (e) => {
      if (e.phase === 'split') decodeEnd = performance.now();
    },
  });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const out: ChildResult = {
    mode,
    importMs: t1 - t0,
    loadMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rows: slice.rows,
    fromCache: slice.meta.fromCache === true,
    ...(decodeEnd ? { decodeMs: decodeEnd - t1 } : {}),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(mode: 'first' | 'cache', cacheDir: string): ChildResult {
  const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, cacheDir], {
    encoding: 'utf8',
  });
  return JSON.parse(text.trim().split('\n').pop()!) as ChildResult;
}

async function parent(runs: number): Promise<void> {
  const first: ChildResult[] = [];
  const cached: ChildResult[] = [];
  const root = mkdtempSync(path.join(tmpdir(), 'mlbench-bench-datasets-'));
  try {
    for (let r = 0; r < runs; r++) {
      const dir = path.join(root, `run-${r}`);
      const a = runChild('first', dir);
      if (a.fromCache) throw new Error('first-time run found a cache entry');
      first.push(a);
      const b = runChild('cache', dir);
      if (!b.fromCache) throw new Error('cache run did not use the cache');
      cached.push(b);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  const list = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(3)).join(', ');
  const med = (xs: number[]) => median(Float64Array.from(xs));
  const firstMs = first.map((r) => r.loadMs);
  const cacheMs = cached.map((r) => r.loadMs);
  const decodeMs = first.map((r) => r.decodeMs ?? NaN);
  process.stdout.write(
    [
      `flights 3,000,000 rows -> 3,000,000 x 8 float32 feature matrix (${runs} runs, fresh process each; node ${process.version})`,
      `  first time (decode + split + cache write + matrix): median ${s(med(firstMs))}   runs: ${list(firstMs)}   goal <= 4 s`,
      `    of which parquet decode:                         median ${s(med(decodeMs))}   runs: ${list(decodeMs)}`,
      `  from cache (read + verify sha256 + matrix):        median ${s(med(cacheMs))}   runs: ${list(cacheMs)}   goal <= 0.5 s`,
      `  CPU time (user+sys, all threads; less sensitive to other load): first median ${s(med(first.map((r) => r.cpuMs)))}, cache median ${s(med(cached.map((r) => r.cpuMs)))}`,
      `  load average at end: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
      `  speed-up: ${(med(firstMs) / med(cacheMs)).toFixed(1)}x; module import (apart): median ${s(med(first.map((r) => r.importMs)))}`,
    ].join('\n') + '\n',
  );
}

if (process.argv[2] === '--child') await child(process.argv[3] as 'first' | 'cache', process.argv[4]!);
else await parent(Number(process.argv[2] ?? 5));
