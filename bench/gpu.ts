/**
 * `npm run bench:gpu`: the GPU proof. Runs zoo (default --profile standard) on ort-node:webgpu
 * and tfjs:webgpu against ort-node:cpu, single-stream, with parity against float64, and prints
 * one table: p50, parity, cold start (session create, first run with shader compilation, warm
 * run), the upload/dispatch/readback split, GPU joules per query and peak device memory (each
 * job samples nvidia-smi over its own measurement: harness/system/energy-tracker.ts; RAPL for the
 * CPU), and the adapter (software adapters flagged). Where energy is not exposed it says why.
 * Extra arguments go to `mlbench run` (e.g. `-- --profile quick --min-duration 100` for a smoke run).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseResult } from '../results/store.js';
import { jobSoftwareWarning } from '../results/adapter-label.js';
import { formatNs, formatTable } from '../harness/common/format.js';
import { PROJECT_ROOT } from '../harness/paths.js';

const extra = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-bench-gpu-'));
const args = [
  'run',
  '--suite',
  'zoo',
  '--profile',
  'standard',
  '--runtime',
  'ort-node:webgpu,tfjs:webgpu,ort-node:cpu',
  '--scenario',
  'single-stream',
  '--results-dir',
  dir,
  '--no-report',
  ...extra,
];

const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'mlbench.js'), ...args], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
});
if (run.status !== 0) process.exit(run.status ?? 1);

const machine = readdirSync(dir)[0]!;
const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
const result = parseResult(readFileSync(file, 'utf8'), file);
const ms = (v: number | undefined) => (v === undefined ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const rows = result.jobs.map((j) => {
  const parity =
    j.parity && 'pass' in j.parity
      ? `${j.parity.pass ? 'pass' : 'FAIL'} ${j.parity.maxAbsDiff.toExponential(1)}${j.knownFault ? ` (known fault: ${j.knownFault.id})` : ''}`
      : '-';
  const adapter = j.adapter
    ? `${j.adapter.description}${jobSoftwareWarning(j) ? ' [SOFTWARE]' : ''}`
    : j.status === 'unavailable'
      ? (j.error?.message ?? '').slice(0, 60)
      : 'cpu';
  const cold = j.coldStart
    ? `${ms(j.coldStart.sessionCreateMs)} / ${ms(j.coldStart.firstRunMs)} / ${ms(j.coldStart.warmRunMs)}`
    : '-';
  const phases = !j.gpuPhases
    ? '-'
    : 'uploadMs' in j.gpuPhases
      ? `${ms(j.gpuPhases.uploadMs)} / ${ms(j.gpuPhases.dispatchMs)} / ${ms(j.gpuPhases.readbackMs)}`
      : 'not measurable';
  const gpu = j.energy?.gpu;
  const joules =
    gpu?.source === 'nvidia-smi'
      ? gpu.joulesPerQuery === null
        ? 'n/a'
        : gpu.joulesPerQuery.toPrecision(3)
      : gpu
        ? 'not exposed'
        : '-';
  const memory =
    gpu?.source === 'nvidia-smi' && gpu.peakDeviceMemoryBytes !== null
      ? `${(gpu.peakDeviceMemoryBytes / 2 ** 30).toFixed(2)} GiB`
      : '-';
  return [
    j.workload,
    `${j.runtime.id}:${j.runtime.backend}`,
    j.status,
    formatNs(j.latencyNs?.p50),
    parity,
    cold,
    phases,
    joules,
    memory,
    adapter,
  ];
});
process.stdout.write(
  `\n${formatTable(['workload', 'runtime', 'status', 'p50', 'parity vs float64', 'create / first / warm ms', 'upload / dispatch / readback ms', 'GPU J/query', 'peak device mem', 'adapter'], rows)}\n`,
);
const gpus =
  result.machine.gpus.map((g) => `${g.vendor} ${g.model}${g.software ? ' (software)' : ''}`).join('; ') || 'none';
// Energy is per job, over its measurement (harness/system/energy-tracker.ts); where it is not exposed, say why once.
const gpuEnergy = result.jobs.map((j) => j.energy?.gpu).find((g) => g !== undefined);
const cpuEnergy = result.jobs.map((j) => j.energy?.cpu).find((c) => c !== undefined);
const energy = !gpuEnergy
  ? 'GPU energy: no GPU job measured'
  : gpuEnergy.source === 'nvidia-smi'
    ? `GPU energy and device memory: ${gpuEnergy.detail}`
    : `GPU energy: not exposed (${gpuEnergy.reason})`;
const cpu = !cpuEnergy
  ? ''
  : cpuEnergy.source === 'rapl'
    ? `CPU energy: RAPL ${cpuEnergy.detail}, per job in the result file (energy.cpu)`
    : `CPU energy: not exposed (${cpuEnergy.reason})`;
const software = [...new Set(result.jobs.map(jobSoftwareWarning).filter((w): w is string => w !== null))];
process.stdout.write(
  `\nGPUs: ${gpus}\n${energy}\n${cpu}\n${software.map((w) => `WARNING: ${w}.\n`).join('')}result file: ${file}\n`,
);
