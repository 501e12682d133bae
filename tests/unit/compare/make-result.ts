/** Builders of result files for the compare tests (not a test file). */
import { createRng } from '../../../results/stats/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import type { JobResult, Machine, ResultFile } from '../../../results/schema.js';

export function machine(id = 'm-1', overrides: Partial<Machine> = {}): Machine {
  return {
    id,
    hostname: `host-${id}`,
    cpu: { brand: 'Test CPU', manufacturer: 'Test', cores: 2, physicalCores: 2, speedGHz: 2.5, flags: ['avx2'] },
    memoryBytes: 8 * 2 ** 30,
    os: { platform: 'linux', distro: 'Test', release: '1', kernel: '6.0', arch: 'x64' },
    virtualization: null,
    gpus: [],
    node: 'v20.0.0',
    v8: '11',
    packages: {},
    loadAverage: [0, 0, 0],
    mlperf: {
      host_processor_model_name: 'Test CPU',
      host_processor_core_count: 2,
      host_memory_capacity: '8GB',
      accelerator_model_name: '',
      accelerators_per_node: 0,
      framework: 'mlbench',
      operating_system: 'linux',
    },
    ...overrides,
  };
}

/** Seeded latencies around `medianNs` with multiplicative noise of about `cv`. */
export function latencies(seed: number, n: number, medianNs: number, cv = 0.02): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Math.round(medianNs * (1 + cv * rng.normal())));
}

export function job(overrides: Partial<JobResult> = {}): JobResult {
  const samplesNs = overrides.samplesNs ?? latencies(1, 400, 100_000);
  return {
    id: 'smoke/logreg-32/null/single-stream/0',
    suite: 'smoke',
    workload: 'logreg-32',
    kind: 'inference',
    model: { kind: 'zoo', arch: 'logreg', params: { features: 32 }, seed: 7 },
    runtime: { id: 'null', backend: 'default', version: '0.1.0', threads: null, options: {} },
    scenario: 'single-stream',
    repeat: 0,
    status: 'ok',
    settings: defaultSettings(),
    startedAt: '2026-01-01T00:00:00Z',
    wallMs: 1000,
    latencyNs: { min: 0, p50: 0, p90: 0, p95: 0, p97: 0, p99: 0, p999: 0, max: 0, mean: 0 },
    throughputPerS: 1e9 / 100_000,
    samplesNs,
    memory: { peakRssBytes: 50e6 },
    ...overrides,
  };
}

export function result(jobs: JobResult[], machineId = 'm-1'): ResultFile {
  return {
    schemaVersion: 1,
    tool: { name: 'mlbench', version: '0.1.0' },
    runId: `run-${machineId}`,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    command: 'mlbench run',
    settings: defaultSettings(),
    machine: machine(machineId),
    jobs,
  };
}
