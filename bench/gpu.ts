/**
 * `npm run bench:gpu`: the GPU proof. Runs zoo (default --profile standard) on ort-node:webgpu
 * and tfjs:webgpu against ort-node:cpu, single-stream, with parity against float64, and prints
 * one table: p50, parity, the adapter (software adapters flagged), cold start (session create,
 * first run with shader compilation, warm run). While it runs, nvidia-smi is sampled every
 * 200 ms (harness/system/energy.ts) for peak device memory and joules of the whole run, and
 * RAPL is read before and after; where neither exists the table says `not exposed` and why.
 * Extra arguments go to `mlbench run` (e.g. `-- --profile quick --min-duration 100` for a smoke run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseResult } from '../results/store.js';
import { jobSoftwareWarning } from '../results/adapter-label.js';
import { parseNvidiaSmiSamples, raplJoules, raplSource, summariseNvidiaSmi } from '../harness/system/energy.js';
import { formatNs, formatTable } from '../harness/common/format.js';
import { PROJECT_ROOT } from '../harness/paths.js';

const INTERVAL_MS = 200;
const extra = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-bench-gpu-'));
const args = ['run', '--suite', 'zoo', '--profile', 'standard', '--runtime', 'ort-node:webgpu,tfjs:webgpu,ort-node:cpu', '--scenario', 'single-stream', '--results-dir', dir, '--no-report', ...extra];

const hasSmi = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8' }).status === 0;
const smi = hasSmi ? spawn('nvidia-smi', ['--query-gpu=memory.used,power.draw', '--format=csv', '-lms', String(INTERVAL_MS)], { stdio: ['ignore', 'pipe', 'ignore'] }) : null;
let smiText = '';
smi?.stdout.on('data', (b: Buffer) => { smiText += b.toString(); });
const rapl = raplSource();
const raplFile = rapl.source === 'rapl' ? rapl.detail : null;
const raplMax = raplFile ? readFileSync(raplFile.replace('energy_uj', 'max_energy_range_uj'), 'utf8') : '';
const raplBefore = raplFile ? readFileSync(raplFile, 'utf8') : '';

const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'mlbench.js'), ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' } });
smi?.kill();
const raplAfter = raplFile ? readFileSync(raplFile, 'utf8') : '';
if (run.status !== 0) process.exit(run.status ?? 1);

const machine = readdirSync(dir)[0]!;
const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
const result = parseResult(readFileSync(file, 'utf8'), file);
const rows = result.jobs.map((j) => {
  const parity = j.parity && 'pass' in j.parity ? `${j.parity.pass ? 'pass' : 'FAIL'} ${j.parity.maxAbsDiff.toExponential(1)}` : '-';
  const adapter = j.adapter ? `${j.adapter.description}${jobSoftwareWarning(j) ? ' [SOFTWARE]' : ''}` : j.status === 'unavailable' ? (j.error?.message ?? '').slice(0, 60) : 'cpu';
  const cold = j.coldStart ? `${j.coldStart.sessionCreateMs.toFixed(0)} / ${j.coldStart.firstRunMs.toFixed(0)} / ${(j.coldStart.warmRunMs ?? NaN).toFixed(1)}` : '-';
  return [j.workload, `${j.runtime.id}:${j.runtime.backend}`, j.status, formatNs(j.latencyNs?.p50), parity, cold, adapter];
});
process.stdout.write(`\n${formatTable(['workload', 'runtime', 'status', 'p50', 'parity vs float64', 'create / first / warm ms', 'adapter'], rows)}\n`);
const gpus = result.machine.gpus.map((g) => `${g.vendor} ${g.model}${g.software ? ' (software)' : ''}`).join('; ') || 'none';
const queries = result.jobs.reduce((n, j) => n + (j.queryCount ?? 0), 0);
let energy: string;
if (smi) {
  const s = summariseNvidiaSmi(parseNvidiaSmiSamples(smiText), INTERVAL_MS);
  energy = `nvidia-smi (whole run, every job): peak device memory ${s.peakDeviceMemoryBytes === null ? 'n/a' : `${(s.peakDeviceMemoryBytes / 2 ** 30).toFixed(2)} GiB`}, ${s.joules === null ? 'power not reported' : `${s.joules.toFixed(0)} J, ${(s.joules / Math.max(1, queries)).toFixed(3)} J/query over ${queries} queries`}`;
} else energy = 'GPU energy: not exposed (no nvidia-smi on this machine)';
const cpuEnergy = raplFile ? `RAPL package 0: ${raplJoules(raplBefore, raplAfter, raplMax).toFixed(0)} J for the whole run` : `CPU energy: not exposed (${(rapl as { reason: string }).reason})`;
process.stdout.write(`\nGPUs: ${gpus}\n${energy}\n${cpuEnergy}\nresult file: ${file}\n`);
