/** A minimal valid result file for tests. */
import type { ResultFile } from '../../results/schema.js';

export function sampleResult(): ResultFile {
  return {
    schemaVersion: 1,
    tool: { name: 'mlbench', version: '0.1.0' },
    runId: 'r1',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    command: 'run',
    settings: { minDurationMs: 1000 },
    machine: {
      id: 'm-1',
      hostname: 'h',
      cpu: { brand: 'X', manufacturer: 'Y', cores: 2, physicalCores: 2, speedGHz: null, flags: ['avx2'] },
      memoryBytes: 1,
      os: { platform: 'linux', distro: 'd', release: '1', kernel: 'k', arch: 'x64' },
      virtualization: null,
      gpus: [],
      node: '20',
      v8: '11',
      packages: { 'onnxruntime-node': '1.30.0' },
      loadAverage: [0, 0, 0],
      mlperf: {
        host_processor_model_name: 'X',
        host_processor_core_count: 2,
        host_memory_capacity: '1 GB',
        accelerator_model_name: 'N/A',
        accelerators_per_node: 0,
        framework: 'node',
        operating_system: 'linux',
      },
    },
    jobs: [
      {
        id: 'smoke/w/null/single-stream',
        suite: 'smoke',
        workload: 'w',
        kind: 'inference',
        runtime: { id: 'null', backend: 'default', version: '0.1.0', threads: 1, options: {} },
        scenario: 'single-stream',
        repeat: 0,
        status: 'ok',
        settings: {},
        startedAt: '2026-01-01T00:00:00.000Z',
        wallMs: 5,
        latencyNs: { min: 1, p50: 2, p90: 3, p95: 3, p97: 3, p99: 3, p999: 3, max: 3, mean: 2 },
        samplesNs: [1, 2, 3],
      },
    ],
  };
}
