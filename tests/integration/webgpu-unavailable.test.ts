/**
 * Without Vulkan (VK_ICD_FILENAMES pointing at nothing) the WebGPU runtimes are `unavailable`
 * with the reason, in `mlbench list` and in a run's result, never a crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const NO_VULKAN = {
  VK_ICD_FILENAMES: '/nonexistent/no-icd.json',
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
};

describe('WebGPU runtimes without a Vulkan driver', () => {
  it('list: unavailable with the reason, and no GPU found', () => {
    const run = mlbench(['list', '--json'], { env: NO_VULKAN });
    expect(run.code, run.stderr).toBe(0);
    const { runtimes, gpus } = JSON.parse(run.stdout) as {
      runtimes: Array<{ id: string; available: boolean; reason?: string }>;
      gpus: unknown[];
    };
    const byId = Object.fromEntries(runtimes.map((r) => [r.id, r]));
    expect(byId['ort-node:webgpu']).toMatchObject({
      available: false,
      reason: expect.stringMatching(/No supported adapters.*Vulkan/),
    });
    expect(byId['tfjs:webgpu']).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no WebGPU adapter.*VK_ICD_FILENAMES/),
    });
    expect(byId['ort-node:cpu']).toMatchObject({ available: true });
    expect(gpus.filter((g) => (g as { source?: string }).source === 'webgpu (Dawn)')).toEqual([]);
  });

  it('run: the jobs are recorded as unavailable with the reason; exit 0', () => {
    const dir = tempDir();
    const run = mlbench(
      [
        'run',
        '--suite',
        'zoo',
        '--runtime',
        'tfjs:webgpu,ort-node:webgpu',
        '--scenario',
        'single-stream',
        '--shard',
        '1/4',
        '--results-dir',
        dir,
        '--no-report',
      ],
      { env: NO_VULKAN },
    );
    expect(run.code, run.stderr).toBe(0);
    const machine = readdirSync(dir)[0]!;
    const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
    const jobs = parseResult(readFileSync(file, 'utf8'), file).jobs;
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs)
      expect(job).toMatchObject({ status: 'unavailable', error: { message: expect.stringMatching(/adapter/) } });
  });
});
