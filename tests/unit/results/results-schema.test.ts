import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult, readResult, resultPath, writeResult } from '../../../results/store.js';
import type { ResultFile } from '../../../results/schema.js';

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
      id: 'm-1', hostname: 'h', cpu: { brand: 'X', manufacturer: 'Y', cores: 2, physicalCores: 2, speedGHz: null, flags: ['avx2'] },
      memoryBytes: 1, os: { platform: 'linux', distro: 'd', release: '1', kernel: 'k', arch: 'x64' }, virtualization: null, gpus: [],
      node: '20', v8: '11', packages: { 'onnxruntime-node': '1.30.0' }, loadAverage: [0, 0, 0],
      mlperf: { host_processor_model_name: 'X', host_processor_core_count: 2, host_memory_capacity: '1 GB', accelerator_model_name: 'N/A', accelerators_per_node: 0, framework: 'node', operating_system: 'linux' },
    },
    jobs: [{
      id: 'smoke/w/null/single-stream', suite: 'smoke', workload: 'w', kind: 'inference',
      runtime: { id: 'null', backend: 'default', version: '0.1.0', threads: 1, options: {} },
      scenario: 'single-stream', repeat: 0, status: 'ok', settings: {}, startedAt: '2026-01-01T00:00:00.000Z', wallMs: 5,
      latencyNs: { min: 1, p50: 2, p90: 3, p95: 3, p97: 3, p99: 3, p999: 3, max: 3, mean: 2 }, samplesNs: [1, 2, 3],
    }],
  };
}

describe('result files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-schema-'));

  it('round-trips through an atomic write and a validated read', async () => {
    const file = resultPath(dir, 'm-1', 'r1');
    await writeResult(file, sampleResult());
    expect(await readResult(file)).toEqual(sampleResult());
  });

  it('never overwrites an earlier file', async () => {
    const file = resultPath(dir, 'm-1', 'r2');
    await writeResult(file, sampleResult());
    await expect(writeResult(file, sampleResult())).rejects.toThrow(/append-only/);
  });

  it('refuses a newer schemaVersion with a clear message naming the file', () => {
    const text = JSON.stringify({ ...sampleResult(), schemaVersion: 2 });
    expect(() => parseResult(text, 'future.json')).toThrow(/future.json: schemaVersion 2 is newer than this mlbench understands \(1\)/);
  });

  it('names the file and the field of an invalid or truncated file', async () => {
    const bad = { ...sampleResult(), jobs: [{ ...sampleResult().jobs[0], status: 'exploded' }] };
    expect(() => parseResult(JSON.stringify(bad), 'bad.json')).toThrow(/bad.json: invalid result file at jobs.0.status/);
    const file = path.join(dir, 'trunc.json');
    writeFileSync(file, readFileSync(resultPath(dir, 'm-1', 'r1'), 'utf8').slice(0, 100));
    await expect(readResult(file)).rejects.toThrow(/trunc.json: not valid JSON.*truncated/);
  });
});
