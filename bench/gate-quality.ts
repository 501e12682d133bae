/**
 * The CI gate's quality on this machine (`npm run bench:gate`). Not a test: it prints a table.
 *
 * A CPU hog (one busy single-threaded process, started and stopped here) runs during all
 * measurement. Per runtime, the jobs are the zoo quick MobileNet-like and ResNet-like models at
 * batch 1, single-stream (ort-node:cpu, tfjs:wasm), and the smoke suite's null-runtime job at
 * 1000 us per query (the `null` rows). Settings are the README's recommended gate settings
 * (ort.intraOpThreads=1); compare options are the defaults (DEFAULT_COMPARE_OPTIONS).
 *
 * Arms, each run `repeat` times per round, every run of an arm a fresh process per job:
 * - A1 and A2: the unchanged jobs (A/A: A1 against A2);
 * - B10: the same architecture with ~10% more FLOPs (null: latencyUs x 1.10);
 * - B3: ~3% more FLOPs (null: latencyUs x 1.03).
 * The zoo variants are the closest of a small grid of model changes (scaledParams); their FLOPs
 * ratios and params are printed.
 * The arms are interleaved block by block (each block runs every arm once, in an order rotated
 * and reversed from block to block), as `mlbench ab` interleaves its two sides, so one round
 * gives one comparison of each kind: A1/A2, A1/B10, A2/B3. Time per comparison = the wall time
 * of the two arms' runs it compares (what one `mlbench ab` of those two sides costs).
 *
 * Options: --comparisons N (rounds, default 20), --runtime null,ort-node:cpu,tfjs:wasm,
 * --repeat n (runs per side, default the gate's 8), --no-hog.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { resolveSettings } from '../harness/config/resolve.js';
import { median } from '../harness/measure/percentiles.js';
import { runJobs } from '../harness/isolate/run-jobs.js';
import { probeRuntimes } from '../harness/isolate/runner.js';
import { archStats } from '../harness/models/shapes.js';
import { zooDescription } from '../harness/models/zoo.js';
import { planJobs } from '../harness/plan/plan.js';
import { describeRuntime, RUNTIMES } from '../harness/runtimes/index.js';
import { collectMachine, formatNoiseProbe, probeNoise } from '../harness/system/index.js';
import type { Job } from '../harness/types.js';
import { loadSuite } from '../suites/index.js';
import { compareAb, DEFAULT_COMPARE_OPTIONS, type Comparison } from '../results/compare/index.js';
import type { JobResult, Machine } from '../results/schema.js';

const KINDS = ['A/A', '+10% FLOPs', '+3% FLOPs'] as const;
type Kind = typeof KINDS[number];
type Arm = 'A1' | 'A2' | 'B10' | 'B3';
const PAIRS: Record<Kind, [Arm, Arm]> = { 'A/A': ['A1', 'A2'], '+10% FLOPs': ['A1', 'B10'], '+3% FLOPs': ['A2', 'B3'] };
const ARMS: Arm[] = ['A1', 'A2', 'B10', 'B3'];
const NULL_LATENCY_US = 1000;

interface Outcome { runtime: string; kind: Kind; round: number; verdict: string; p50Ratios: number[]; notes: string[]; seconds: number; flopsRatio: number }

/**
 * The model params of a zoo job with about `factor` times its FLOPs: the closest over a small grid
 * of real model changes (width +0/+1, input channels 2-4, resolution -6..0, classes +0..+300).
 */
function scaledParams(job: Job, factor: number): { params: Record<string, number>; ratio: number } {
  type Best = { params: Record<string, number>; ratio: number };
  const model = job.workload.model as { arch: string; params: Record<string, number>; seed: number };
  const flops = (p: Record<string, number>) => archStats(zooDescription(model.arch, p, model.seed)).flopsPerSample;
  const base = flops(model.params);
  const p0: Record<string, number> = { channels: 3, ...model.params };
  // Fewer changes first: each changed param costs as much as 1% of FLOPs off the target.
  const cost = (params: Record<string, number>, ratio: number) => Math.abs(ratio - factor) + 0.01 * Object.keys(p0).filter((k) => params[k] !== p0[k]).length;
  let best: Best = { params: { ...p0 }, ratio: 1 };
  for (const width of [p0.width!, p0.width! + 1]) {
    for (const channels of [2, 3, 4]) {
      for (let resolution = p0.resolution! - 6; resolution <= p0.resolution!; resolution++) {
        for (let classes = p0.classes!; classes <= p0.classes! + 300; classes += 50) {
          const params: Record<string, number> = { ...model.params, width, channels, resolution, classes };
          const ratio = flops(params) / base;
          if (cost(params, ratio) < cost(best.params, best.ratio)) best = { params, ratio };
        }
      }
    }
  }
  return best;
}

async function armJobs(runtime: string): Promise<{ arms: Record<Arm, Job[]>; flops: Record<Arm, number> }> {
  const isNull = describeRuntime(runtime)?.family === 'null';
  const set = isNull ? [`null.latencyUs=${NULL_LATENCY_US}`] : describeRuntime(runtime)?.settingsGroup === 'ort' ? ['ort.intraOpThreads=1'] : [];
  const settings = resolveSettings({ set });
  const jobs = planJobs({
    suites: [await loadSuite(isNull ? 'smoke' : 'zoo')], profile: 'quick', runtimes: [runtime], allRuntimes: Object.keys(RUNTIMES),
    scenarios: ['single-stream'], settings, pinned: new Set(isNull ? ['null.latencyUs'] : ['ort.intraOpThreads']),
  }).filter((j) => isNull || j.workload.id.endsWith('-b1'));
  const variant = (factor: number): { jobs: Job[]; ratio: number } => {
    if (isNull) return { jobs: jobs.map((j) => ({ ...j, settings: { ...j.settings, 'null.latencyUs': NULL_LATENCY_US * factor } })), ratio: factor };
    const scaled = jobs.map((j) => ({ job: j, ...scaledParams(j, factor) }));
    return {
      jobs: scaled.map(({ job, params }) => ({ ...job, workload: { ...job.workload, model: { ...(job.workload.model as object), params } as Job['workload']['model'] } })),
      ratio: median(scaled.map((s) => s.ratio)),
    };
  };
  const b10 = variant(1.1);
  const b3 = variant(1.03);
  for (const [name, v] of [['B10', b10], ['B3', b3]] as const) {
    process.stderr.write(`${runtime} ${name}: FLOPs x${v.ratio.toFixed(3)}: ${v.jobs.map((j) => `${j.workload.id} ${JSON.stringify((j.workload.model as { params?: unknown }).params ?? j.settings['null.latencyUs'])}`).join('; ')}\n`);
  }
  return { arms: { A1: jobs, A2: jobs, B10: b10.jobs, B3: b3.jobs }, flops: { A1: 1, A2: 1, B10: b10.ratio, B3: b3.ratio } };
}

/** Block k's arm order: the arms rotated by k, reversed on odd blocks (drift hits every arm alike). */
function blockOrder(k: number): Arm[] {
  const rotated = ARMS.map((_, i) => ARMS[(i + k) % ARMS.length]!);
  return k % 2 ? rotated.reverse() : rotated;
}

function summarise(c: Comparison): { verdict: string; p50Ratios: number[]; notes: string[] } {
  const rows = c.jobs.flatMap((j) => j.metrics.filter((m) => m.metric === 'latency.p50'));
  const verdict = c.regression ? 'regression' : c.counts.improvement > 0 && !c.counts.inconclusive ? 'improvement' : c.counts.inconclusive > 0 ? 'inconclusive' : 'unchanged';
  return { verdict, p50Ratios: rows.map((r) => r.ratio ?? Number.NaN), notes: c.jobs.flatMap((j) => j.metrics.filter((m) => m.judged && m.note).map((m) => `${j.workload} ${m.metric}: ${m.note}`)) };
}

async function main(): Promise<void> {
  const cli = new Command('gate-quality')
    .option('--comparisons <n>', 'comparisons of each kind per runtime (rounds)', '20')
    .option('--runtime <ids>', 'runtimes, comma-separated', 'null,ort-node:cpu,tfjs:wasm')
    .option('--repeat <n>', 'runs per side of each comparison', '8')
    .option('--no-hog', 'no CPU hog during measurement')
    .parse(process.argv);
  const opts = cli.opts<{ comparisons: string; runtime: string; repeat: string; hog: boolean }>();
  const rounds = Number(opts.comparisons);
  const repeat = Number(opts.repeat);
  const runtimes = opts.runtime.split(',').map((s) => s.trim()).filter(Boolean);
  const [machine, probes] = await Promise.all([collectMachine(), probeRuntimes(runtimes)]);
  let hog: ChildProcess | null = null;
  if (opts.hog) hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const stopHog = () => { hog?.kill('SIGKILL'); hog = null; };
  process.on('exit', stopHog);
  process.on('SIGINT', () => { stopHog(); process.exit(130); });

  const outcomes: Outcome[] = [];
  const probesTaken: string[] = [];
  const benchStarted = Date.now();
  try {
    for (const runtime of runtimes) {
      const { arms, flops } = await armJobs(runtime);
      for (let round = 0; round < rounds; round++) {
        const probe = probeNoise();
        probesTaken.push(`${runtime} round ${round + 1}: ${formatNoiseProbe(probe)}`);
        process.stderr.write(`${runtime} round ${round + 1}/${rounds}: ${formatNoiseProbe(probe)}\n`);
        const results: Record<Arm, JobResult[]> = { A1: [], A2: [], B10: [], B3: [] };
        const seconds: Record<Arm, number> = { A1: 0, A2: 0, B10: 0, B3: 0 };
        for (let k = 0; k < repeat; k++) {
          for (const arm of blockOrder(k)) {
            const t0 = performance.now();
            const out = await runJobs(arms[arm], { probes });
            seconds[arm] += (performance.now() - t0) / 1000;
            results[arm].push(...out.map((r) => ({ ...r, repeat: k })));
          }
        }
        const side = (arm: Arm) => ({ machines: [machine] as Machine[], jobs: results[arm], label: arm });
        for (const kind of KINDS) {
          const [a, b] = PAIRS[kind];
          const s = summarise(compareAb(side(a), side(b), DEFAULT_COMPARE_OPTIONS));
          outcomes.push({ runtime, kind, round, ...s, seconds: seconds[a] + seconds[b], flopsRatio: flops[b] });
          process.stderr.write(`  ${kind}: ${s.verdict}; p50 ratios ${s.p50Ratios.map((r) => r.toFixed(3)).join(', ')}${s.notes.length ? `; ${s.notes.join('; ')}` : ''}\n`);
        }
      }
    }
  } finally {
    stopHog();
  }

  const count = (xs: Outcome[], v: string) => xs.filter((o) => o.verdict === v).length;
  const lines = [
    `gate quality: ${machine.id}; ${opts.hog ? 'one CPU hog running' : 'no hog'}; ${repeat} runs per side, interleaved; alpha ${DEFAULT_COMPARE_OPTIONS.alpha} (Holm), threshold ${DEFAULT_COMPARE_OPTIONS.thresholdPct}%; ort.intraOpThreads=1`,
    '',
    '| runtime | comparison | FLOPs ratio | N | regression | inconclusive | unchanged | improvement | p50 ratio median [min, max] | time per comparison median / max |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const runtime of runtimes) {
    for (const kind of KINDS) {
      const xs = outcomes.filter((o) => o.runtime === runtime && o.kind === kind);
      if (!xs.length) continue;
      const ratios = xs.flatMap((o) => o.p50Ratios).filter(Number.isFinite);
      const secs = xs.map((o) => o.seconds);
      lines.push(`| ${runtime} | ${kind}${kind === 'A/A' ? ' (false alarms)' : ''} | ${xs[0]!.flopsRatio.toFixed(3)} | ${xs.length} | ${count(xs, 'regression')} | ${count(xs, 'inconclusive')} | ${count(xs, 'unchanged')} | ${count(xs, 'improvement')} | ` +
        `${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)}, ${Math.max(...ratios).toFixed(3)}] | ${median(secs).toFixed(0)} s / ${Math.max(...secs).toFixed(0)} s |`);
    }
  }
  lines.push('', `total bench time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
  process.stdout.write(lines.join('\n') + '\n');
  const outDir = path.join('out', 'bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'gate-quality.json'), JSON.stringify({ machine: machine.id, repeat, rounds, hog: opts.hog, outcomes, probes: probesTaken }, null, 1));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 3;
});
