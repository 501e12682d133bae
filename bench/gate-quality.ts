/**
 * The CI gate's quality on this machine (`npm run bench:gate`). Not a test: it prints a table.
 *
 * Setup: the `smoke` suite, quick profile, on the `null` runtime at a realistic per-query latency
 * (null.latencyUs, default 1000 us: a small model on a CPU). Every run is a fresh process, as in
 * `mlbench run`.
 * - A/A: a pool of baseline runs; 100 comparisons between pairs of them (adjacent in time and one
 *   or two apart, so comparisons share runs: the estimate is unbiased but not from 100
 *   independent pairs). False alarm = the comparison of the whole suite says `regression`.
 * - Slowdowns of 3%, 5%, 10%: runs whose busy-wait is longer by that much, interleaved in time
 *   with the baseline pool. They are recorded with the nominal setting, so compare sees what CI
 *   sees after a code change (same settings, slower code) and the gate re-measures the candidate
 *   only. Detection = the comparison says `regression`.
 * Each comparison is judged three ways: first pass at --threshold 2% and 5% (default), and the
 * full gate (first pass at GATE_THRESHOLD_PCT, then `confirm` re-measurements in fresh processes).
 * Measuring time per comparison = wall time of the two runs plus the gate's re-measurements.
 * The last column is the wall time of one compareSides call on this pair (one process, warm JIT).
 * Environment knobs: GATE_LATENCY_US, GATE_POOL, GATE_PER_LEVEL, GATE_CONFIRM, GATE_THRESHOLD_PCT.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveSettings } from '../harness/config/resolve.js';
import { SETTINGS } from '../harness/config/settings.js';
import { median } from '../harness/measure/percentiles.js';
import { runJobs } from '../harness/isolate/run-jobs.js';
import { probeRuntimes } from '../harness/isolate/runner.js';
import { planJobs } from '../harness/plan/plan.js';
import { RUNTIMES } from '../harness/runtimes/index.js';
import { collectMachine } from '../harness/system/index.js';
import type { Job } from '../harness/types.js';
import { loadSuite } from '../suites/index.js';
import { compareSides, DEFAULT_COMPARE_OPTIONS, runGate } from '../results/compare/index.js';
import type { JobResult, Machine, ResultFile } from '../results/schema.js';

const LATENCY_US = Number(process.env.GATE_LATENCY_US ?? 1000);
const POOL = Number(process.env.GATE_POOL ?? 50);
const PER_LEVEL = Number(process.env.GATE_PER_LEVEL ?? 30);
const CONFIRM = Number(process.env.GATE_CONFIRM ?? 3);
const GATE_THRESHOLD_PCT = Number(process.env.GATE_THRESHOLD_PCT ?? 2);
const SLOWDOWNS_PCT = [3, 5, 10];
const AA_COMPARISONS = 100;

interface Run { result: JobResult; wallMs: number }

function resultFile(machine: Machine, jobs: JobResult[], runId: string): ResultFile {
  const now = new Date().toISOString();
  return { schemaVersion: 1, tool: { name: 'mlbench', version: 'bench' }, runId, startedAt: now, finishedAt: now, command: 'bench', settings: {}, machine, jobs };
}

async function main(): Promise<void> {
  const settings = resolveSettings({ set: [`null.latencyUs=${LATENCY_US}`] });
  const [job] = planJobs({
    suites: [await loadSuite('smoke')], profile: 'quick', runtimes: ['null'], allRuntimes: Object.keys(RUNTIMES),
    scenarios: null, settings, pinned: new Set(['null.latencyUs']),
  }) as [Job];
  const [machine, probes] = await Promise.all([collectMachine(), probeRuntimes(['null'])]);

  /** Runs jobs in fresh processes, slowed by `pct`, recorded with the nominal setting. */
  const runSlowed = async (jobs: Job[], pct: number): Promise<JobResult[]> => {
    const slowed = jobs.map((j) => ({ ...j, settings: { ...j.settings, 'null.latencyUs': LATENCY_US * (1 + pct / 100) } }));
    const results = await runJobs(slowed, { probes });
    return results.map((r) => ({ ...r, settings: { ...r.settings, 'null.latencyUs': LATENCY_US } }));
  };
  const runOnce = async (pct: number): Promise<Run> => {
    const started = Date.now();
    const [result] = await runSlowed([job], pct);
    return { result: result!, wallMs: Date.now() - started };
  };

  // Baseline pool and slowed runs, interleaved in time so that machine drift hits all alike.
  const pool: Run[] = [];
  const slowed: Record<number, Run[]> = Object.fromEntries(SLOWDOWNS_PCT.map((s) => [s, []]));
  const total = POOL + PER_LEVEL * SLOWDOWNS_PCT.length;
  const benchStarted = Date.now();
  for (let i = 0; i < POOL; i++) {
    pool.push(await runOnce(0));
    if (i < PER_LEVEL) for (const s of SLOWDOWNS_PCT) slowed[s]!.push(await runOnce(s));
    const done = pool.length + Object.values(slowed).reduce((n, r) => n + r.length, 0);
    if (i % 10 === 9) process.stderr.write(`measured ${done}/${total} runs (${((Date.now() - benchStarted) / 1000).toFixed(0)} s)\n`);
  }

  const broken = [...pool, ...Object.values(slowed).flat()].filter((r) => r.result.status !== 'ok');
  if (broken.length) {
    process.stderr.write(`warning: ${broken.length} run(s) did not end ok: ${broken.slice(0, 3).map((r) => `${r.result.status} ${r.result.error?.message ?? ''}`).join('; ')}\n`);
  }
  const pairs: Array<[number, number]> = [];
  for (let gap = 1; pairs.length < AA_COMPARISONS && gap < POOL; gap++) {
    for (let i = 0; i + gap < POOL && pairs.length < AA_COMPARISONS; i++) pairs.push([i, i + gap]);
  }
  const cases = [
    ...pairs.map(([a, b]) => ({ label: 'A/A', pct: 0, base: pool[a]!, cand: pool[b]! })),
    ...SLOWDOWNS_PCT.flatMap((s) => slowed[s]!.map((cand, k) => ({ label: `+${s}%`, pct: s, base: pool[k]!, cand }))),
  ];

  const known = new Set(Object.keys(SETTINGS));
  const rows: Array<{ label: string; first2: boolean; first5: boolean; gate: boolean; ms: number; compareMs: number; p50Ratio: number; statuses: string }> = [];
  for (const [index, c] of cases.entries()) {
    const baseline = resultFile(machine, [c.base.result], `base-${index}`);
    const candidate = resultFile(machine, [c.cand.result], `cand-${index}`);
    const t0 = performance.now();
    const first = (thresholdPct: number) => compareSides(
      { sources: ['b'], machines: [machine], jobs: baseline.jobs }, { sources: ['c'], machines: [machine], jobs: candidate.jobs },
      { thresholdPct }).regression;
    const first2 = first(2);
    const compareMs = performance.now() - t0;
    const first5 = first(5);
    let rerunMs = 0;
    const gate = await runGate({
      baseline, candidate, jobs: [job], confirm: CONFIRM, knownSettings: known,
      options: { ...DEFAULT_COMPARE_OPTIONS, thresholdPct: GATE_THRESHOLD_PCT },
      runJobs: async (jobs) => {
        const started = Date.now();
        const out = await runSlowed(jobs, c.pct);
        rerunMs += Date.now() - started;
        return out;
      },
    });
    const p50Ratio = (c.cand.result.latencyNs?.p50 ?? Number.NaN) / (c.base.result.latencyNs?.p50 ?? Number.NaN);
    rows.push({
      label: c.label, first2, first5, gate: gate.regression, ms: c.base.wallMs + c.cand.wallMs + rerunMs, compareMs, p50Ratio,
      statuses: `${c.base.result.status}/${c.cand.result.status}`,
    });
    if ((c.pct === 0) === (first2 || gate.regression)) {
      process.stderr.write(`${c.label} #${index}: p50 ratio ${p50Ratio.toFixed(4)}, statuses ${c.base.result.status}/${c.cand.result.status}, first pass ${first2}, gate ${gate.regression} (${JSON.stringify(gate.modes)})\n`);
    }
    if (index % 20 === 19) process.stderr.write(`judged ${index + 1}/${cases.length} comparisons\n`);
  }

  const labels = ['A/A', ...SLOWDOWNS_PCT.map((s) => `+${s}%`)];
  const pctOf = (xs: boolean[]) => `${((100 * xs.filter(Boolean).length) / xs.length).toFixed(1)}% (${xs.filter(Boolean).length}/${xs.length})`;
  const lines = [
    `gate quality: smoke suite, null runtime at ${LATENCY_US} us/query, quick profile; ${machine.id}; alpha ${DEFAULT_COMPARE_OPTIONS.alpha} (Holm)`,
    '',
    `| comparison | first pass, threshold 2% | first pass, threshold 5% (default) | gate: threshold ${GATE_THRESHOLD_PCT}% + confirm ${CONFIRM} | measuring time per comparison (median / max) | wall time of one compare call, threshold 2% (median) |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const label of labels) {
    const r = rows.filter((x) => x.label === label);
    const rate = label === 'A/A' ? 'false alarms' : 'detected';
    lines.push(`| ${label} (${rate}) | ${pctOf(r.map((x) => x.first2))} | ${pctOf(r.map((x) => x.first5))} | ${pctOf(r.map((x) => x.gate))} | ` +
      `${(median(r.map((x) => x.ms)) / 1000).toFixed(1)} s / ${(Math.max(...r.map((x) => x.ms)) / 1000).toFixed(1)} s | ${median(r.map((x) => x.compareMs)).toFixed(0)} ms |`);
  }
  const p50s = pool.map((r) => r.result.latencyNs?.p50 ?? Number.NaN).filter((v) => Number.isFinite(v));
  const spread = (Math.max(...p50s) / Math.min(...p50s) - 1) * 100;
  lines.push('', `baseline pool: ${pool.length} runs, p50 median ${(median(p50s) / 1000).toFixed(1)} us, max/min - 1 = ${spread.toFixed(2)}%; total bench time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
  process.stdout.write(lines.join('\n') + '\n');
  const outDir = path.join('out', 'bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'gate-quality.json'), JSON.stringify({ latencyUs: LATENCY_US, machine: machine.id, rows, poolP50Ns: p50s }, null, 1));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 3;
});
