/**
 * GPU jobs on llvmpipe record their upload/dispatch/readback split (tfjs:webgpu) or why it cannot
 * be measured (ort-node:webgpu), and per-job energy and device memory from an nvidia-smi on PATH
 * (a fake one here, printing in nvidia-smi's --format=csv,noheader shape), with RAPL's reason.
 * No timing is asserted.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

function fakeSmiBin(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'fake-smi-'));
  writeFileSync(
    path.join(bin, 'nvidia-smi'),
    [
      '#!/bin/sh',
      // The machine probe's query (harness/system/gpus.ts) answers once; the tracker's loop mode samples.
      'case "$*" in *name,memory.total*) echo "NVIDIA H200, 143771, 570.86.15"; exit 0;; esac',
      'while :; do echo "1852 MiB, 118.92 W"; sleep 0.05; done',
    ].join('\n'),
  );
  chmodSync(path.join(bin, 'nvidia-smi'), 0o755);
  return bin;
}

describe('GPU job phases and energy on llvmpipe', () => {
  it('tfjs:webgpu splits upload, dispatch and readback; ort-node:webgpu says why not; nvidia-smi gives joules per query', () => {
    const dir = tempDir();
    const env = {
      PATH: `${fakeSmiBin()}:${process.env.PATH ?? ''}`,
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
    };
    const run = mlbench(
      [
        'run',
        '--suite',
        'zoo',
        '--runtime',
        'tfjs:webgpu,ort-node:webgpu',
        '--scenario',
        'offline',
        '--shard',
        '1/4',
        '--min-duration',
        '300',
        '--min-queries',
        '2',
        '--results-dir',
        dir,
        '--no-report',
      ],
      { env, timeoutMs: 180_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const machine = readdirSync(dir)[0]!;
    const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
    const jobs = parseResult(readFileSync(file, 'utf8'), file).jobs;
    const tfjs = jobs.find((j) => j.runtime.id === 'tfjs' && j.status === 'ok');
    const ort = jobs.find((j) => j.runtime.id === 'ort-node' && j.status === 'ok');
    expect(tfjs?.gpuPhases).toMatchObject({
      method: expect.stringMatching(/uploadToGPU/),
      queries: 8,
      uploadMs: expect.any(Number),
      dispatchMs: expect.any(Number),
      readbackMs: expect.any(Number),
    });
    expect(ort?.gpuPhases).toMatchObject({
      method: 'not measurable',
      reason: expect.stringMatching(/one run\(\) call/),
    });
    for (const j of [tfjs!, ort!]) {
      expect(j.energy?.gpu).toMatchObject({
        source: 'nvidia-smi',
        peakDeviceMemoryBytes: 1852 * 2 ** 20,
        joulesPerQuery: expect.any(Number),
      });
      expect(j.energy?.cpu.source).toMatch(/rapl|not exposed/);
    }
    expect(parseResult(readFileSync(file, 'utf8'), file).machine.gpus[0]).toMatchObject({
      model: 'NVIDIA H200',
      source: 'nvidia-smi',
    });
  }, 200_000);
});
