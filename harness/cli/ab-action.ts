/**
 * The body of `mlbench ab` (imported only when the command runs): resolve both sides to command
 * lines, probe the noise, run the sides in the interleaved order (each run a fresh process that
 * writes its own result file), compare across runs, write ab.json and print the comparison.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError, unknownChoice } from '../errors.js';
import { PROJECT_ROOT } from '../paths.js';
import { parseSetPair, SETTINGS } from '../config/settings.js';
import { formatNoiseProbe, probeNoise, type NoiseProbe } from '../system/noise-probe.js';
import { readResult } from '../../results/store.js';
import { jobKey } from '../../results/job-key.js';
import { measurementSettings, runChoices } from '../../results/run-choices.js';
import type { JobResult, ResultFile } from '../../results/schema.js';
import {
  abOrder,
  COMPARE_FORMATS,
  compareAb,
  FORMATTERS,
  formatMarkdown,
  resolveCompareOptions,
  type AbOrderKind,
  type AbSide,
  type CompareFormat,
} from '../../results/compare/index.js';
import type { AbFlags } from './ab.js';

/** One side as a command: argv[0] is the program; `shell` runs argv[0] through sh -c. */
export interface SideCommand {
  flag: '--a' | '--b';
  spec: string;
  kind: 'set' | 'model' | 'result' | 'checkout' | 'cmd';
  argv: string[];
  shell: boolean;
}

const MLBENCH = path.join(PROJECT_ROOT, 'bin', 'mlbench.js');

/** The `run` arguments that re-run a result file's plan (its recorded suites, runtimes, scenarios, profile and non-default settings). */
export function replayArgs(result: ResultFile): string[] {
  const s = measurementSettings(result);
  const c = runChoices(result);
  const list = (v: unknown) => (Array.isArray(v) ? v.join(',') : null);
  const args = ['run'];
  if (list(c.suites)) args.push('--suite', list(c.suites)!);
  if (list(c.runtimes)) args.push('--runtime', list(c.runtimes)!);
  if (list(c.scenarios)) args.push('--scenario', list(c.scenarios)!);
  if (typeof c.profile === 'string') args.push('--profile', c.profile);
  for (const [key, def] of Object.entries(SETTINGS)) {
    if (key in s && key !== 'cacheDir' && JSON.stringify(s[key]) !== JSON.stringify(def.default))
      args.push('--set', `${key}=${String(s[key])}`);
  }
  return args;
}

/** Resolves a side spec into its command (see `mlbench ab --help`); bad specs name the flag. */
export async function resolveSide(flag: '--a' | '--b', spec: string, shared: string[]): Promise<SideCommand> {
  const needShared = (kind: string) => {
    if (!shared.length)
      throw new UsageError(
        'E_BAD_FLAG',
        `${flag} ${spec}: a ${kind} side needs the shared mlbench arguments after --, e.g. -- run --suite zoo --scenario single-stream.`,
      );
  };
  const node = (args: string[], bin = MLBENCH) => [process.execPath, bin, ...args];
  if (spec.startsWith('cmd:')) {
    if (!spec.slice(4).trim()) throw new UsageError('E_BAD_FLAG', `${flag} ${spec}: cmd: needs a command.`);
    return { flag, spec, kind: 'cmd', argv: [spec.slice(4).trim()], shell: true };
  }
  const body = spec.replace(/^(set|model|result|checkout):/, '');
  const kind =
    spec.match(/^(set|model|result|checkout):/)?.[1] ??
    (body.endsWith('.onnx')
      ? 'model'
      : body.endsWith('.json')
        ? 'result'
        : existsSync(body) && statSync(body).isDirectory()
          ? 'checkout'
          : body.includes('=')
            ? 'set'
            : null);
  if (kind === 'set') {
    needShared('key=value');
    const pairs = body
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = pairs.find((p) => p.indexOf('=') <= 0);
    if (bad || !pairs.length)
      throw new UsageError('E_BAD_FLAG', `${flag} ${spec}: expected key=value[,key=value], e.g. ort.intraOpThreads=1.`);
    for (const pair of pairs) {
      try {
        parseSetPair(pair);
      } catch (err) {
        throw new UsageError('E_BAD_FLAG', `${flag} ${spec}: ${(err as Error).message}`);
      }
    }
    return { flag, spec, kind, argv: node([...shared, ...pairs.flatMap((p) => ['--set', p])]), shell: false };
  }
  if (kind === 'model') {
    if (!existsSync(body)) throw new UsageError('E_BAD_INPUT', `${flag} ${body}: no such model file.`);
    const rest = shared[0] === 'model' ? shared.slice(1) : shared;
    return { flag, spec, kind, argv: node(['model', body, ...rest]), shell: false };
  }
  if (kind === 'result')
    return { flag, spec, kind, argv: node([...replayArgs(await readResult(body)), ...shared]), shell: false };
  if (kind === 'checkout') {
    needShared('checkout');
    const bin = path.join(body, 'bin', 'mlbench.js');
    if (!existsSync(bin))
      throw new UsageError(
        'E_BAD_INPUT',
        `${flag} ${body}: not an mlbench checkout (no bin/mlbench.js; build it with npm ci && npm run build).`,
      );
    return { flag, spec, kind, argv: node(shared, bin), shell: false };
  }
  throw new UsageError(
    'E_BAD_FLAG',
    `${flag} ${spec}: not a side. Expected key=value[,key=value], a .onnx file, a result .json, a checkout folder, or cmd:<shell command>.`,
  );
}

/** The argv of one run: results in `dir`, no report for `run`, under taskset when asked. */
export function runArgv(side: SideCommand, dir: string, cpuAffinity?: string): { file: string; args: string[] } {
  const isRun = side.shell ? /\brun\b/.test(side.argv[0]!) : side.argv[2] === 'run';
  const extra = ['--results-dir', dir, ...(isRun ? ['--no-report'] : [])];
  const command = side.shell
    ? ['/bin/sh', '-c', `${side.argv[0]} ${extra.map((e) => `'${e.replace(/'/g, "'\\''")}'`).join(' ')}`]
    : [...side.argv, ...extra];
  const full = cpuAffinity ? ['taskset', '-c', cpuAffinity, ...command] : command;
  return { file: full[0]!, args: full.slice(1) };
}

function spawnRun(file: string, args: string[]): Promise<{ code: number; tail: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, tail, wallMs: performance.now() - started }));
  });
}

/** The result file a run wrote under `dir` (its one .json), or null. */
async function resultIn(dir: string): Promise<ResultFile | null> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const file = entries
    .map(String)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.partial'))
    .sort()
    .pop();
  return file ? readResult(path.join(dir, file)) : null;
}

const AB_FLAGS = z.object({
  repeat: z.coerce.number().int().min(1).max(1000),
  order: z.enum(['random', 'blocked', 'abba']),
  cpuAffinity: z
    .string()
    .regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/, { message: 'expected a CPU list such as 1 or 0-1 or 0,2' })
    .optional(),
});

export interface AbRun {
  side: AbSide;
  index: number;
  file: string | null;
  exitCode: number;
  wallMs: number;
  tail?: string;
}

/**
 * The jobs of a run that wrote no result file, each `crashed` with E_CRASH naming the run: one
 * per job key the other runs recorded (so the run counts as broken in the status row).
 */
export function brokenRun(templates: JobResult[], run: AbRun, spec: string): JobResult[] {
  const seen = new Map<string, JobResult>();
  for (const t of templates) seen.set(jobKey(t), t);
  const message = `${run.side}${run.index} (${spec}) exited ${run.exitCode} without writing a result file${run.tail ? `: ${run.tail.trim().split('\n').slice(-1)[0]}` : ''}`;
  return [...seen.values()].map((t) => ({
    id: t.id,
    suite: t.suite,
    workload: t.workload,
    kind: t.kind,
    model: t.model,
    runtime: t.runtime,
    scenario: t.scenario,
    repeat: run.index - 1,
    status: 'crashed' as const,
    error: { code: 'E_CRASH', message },
    settings: t.settings,
    ...(t.inputs ? { inputs: t.inputs } : {}),
    startedAt: new Date().toISOString(),
    wallMs: run.wallMs,
  }));
}

/** Runs the A/B measurement and prints the comparison; returns 0, or 1 on a regression. */
export async function executeAb(shared: string[], flags: AbFlags): Promise<number> {
  const format = (flags.format ?? 'terminal') as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw unknownChoice('E_BAD_FLAG', '--format', format, COMPARE_FORMATS);
  const parsed = AB_FLAGS.safeParse({
    repeat: flags.repeat ?? '8',
    order: flags.order ?? 'random',
    cpuAffinity: flags.cpuAffinity,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    const name = { repeat: '--repeat', order: '--order', cpuAffinity: '--cpu-affinity' }[key] ?? key;
    throw new UsageError(
      'E_BAD_FLAG',
      `${name} ${String((flags as Record<string, unknown>)[key] ?? '')}: ${issue.message}.`,
    );
  }
  const { repeat, order: orderKind, cpuAffinity } = parsed.data;
  const options = resolveCompareOptions(flags);
  const sides = { A: await resolveSide('--a', flags.a!, shared), B: await resolveSide('--b', flags.b!, shared) };
  const abId = new Date().toISOString().replace(/[:.]/g, '-');
  const root = path.join(flags.resultsDir ?? 'out/ab', abId);
  await mkdir(root, { recursive: true });
  const log = (m: string) => process.stderr.write(`${m}\n`);

  const noise: NoiseProbe | null = flags.probe === false ? null : probeNoise();
  if (noise) log(`ab: noise probe: ${formatNoiseProbe(noise)}`);
  // A fresh seed unless --seed is given: the order is random, and recorded (ab.json) to be reproducible.
  const seed = flags.seed === undefined ? randomInt(1, 2 ** 31) : options.seed;
  const order = abOrder(repeat, orderKind as AbOrderKind, seed);
  log(
    `ab: ${order.length} runs, ${repeat} per side, ${orderKind} order (seed ${seed}) ${order.join('')}${cpuAffinity ? `, taskset -c ${cpuAffinity}` : ''}`,
  );
  const runs: AbRun[] = [];
  const jobs: Record<AbSide, JobResult[]> = { A: [], B: [] };
  const results: Record<AbSide, ResultFile[]> = { A: [], B: [] };
  const started = performance.now();
  for (const [i, side] of order.entries()) {
    const index = order.slice(0, i + 1).filter((s) => s === side).length;
    const dir = path.join(root, `${side.toLowerCase()}-${index}`);
    const { file, args } = runArgv(sides[side], dir, cpuAffinity);
    const run = await spawnRun(file, args);
    const result = await resultIn(dir);
    runs.push({
      side,
      index,
      file: result ? dir : null,
      exitCode: run.code,
      wallMs: run.wallMs,
      ...(result ? {} : { tail: run.tail }),
    });
    if (result) {
      // Each run is one observation: number the repeats so that every run's jobs stay apart.
      jobs[side].push(...result.jobs.map((j) => ({ ...j, repeat: index - 1 })));
      results[side].push(result);
    }
    log(
      `  [${i + 1}/${order.length}] ${side}${index}  exit ${run.code}  ${(run.wallMs / 1000).toFixed(1)} s${result ? '' : `  no result file: ${run.tail.trim().split('\n').slice(-2).join(' | ')}`}`,
    );
  }
  if (!results.A.length && !results.B.length) {
    throw new UsageError(
      'E_RESULT_FILE',
      `no run of either side wrote a result file (see the lines above; the runs are under ${root}).`,
    );
  }
  if (!results.A.length)
    throw new UsageError(
      'E_RESULT_FILE',
      `--a ${sides.A.spec}: no baseline run wrote a result file (see the lines above; the runs are under ${root}); there is nothing to compare with.`,
    );
  // A candidate run without a result file is a broken run of every job, not a run left out.
  const templates = [...results.A, ...results.B].flatMap((r) => r.jobs);
  for (const run of runs.filter((r) => r.file === null))
    jobs[run.side].push(...brokenRun(templates, run, sides[run.side].spec));
  const comparison = compareAb(
    { machines: results.A.map((r) => r.machine), jobs: jobs.A, label: `A: ${sides.A.spec}` },
    { machines: results.B.map((r) => r.machine), jobs: jobs.B, label: `B: ${sides.B.spec}` },
    options,
  );
  const wallS = (performance.now() - started) / 1000;
  const text = FORMATTERS[format](comparison);
  process.stdout.write(text);
  if (format === 'terminal')
    process.stdout.write(
      `measured in ${wallS.toFixed(0)} s (${order.length} runs, ${orderKind} order, seed ${seed})${noise ? `; before measuring: ${formatNoiseProbe(noise)}` : ''}\n`,
    );
  if (flags.output) await writeFile(flags.output, text);
  const summary = path.join(root, 'summary.md');
  await writeFile(
    summary,
    `${formatMarkdown(comparison)}\n<sub>${order.length} runs in ${wallS.toFixed(0)} s, ${orderKind} order (seed ${seed}) ${order.join('')}${noise ? `; noise before measuring: ${formatNoiseProbe(noise)}` : ''}</sub>\n`,
  );
  await writeFile(
    path.join(root, 'ab.json'),
    JSON.stringify(
      { sides, orderKind, seed, order, repeat, cpuAffinity: cpuAffinity ?? null, noise, runs, wallS, comparison },
      (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      1,
    ),
  );
  log(`ab: ${path.join(root, 'ab.json')}; summary: ${summary}`);
  return comparison.failed ? 1 : 0;
}
