/** End to end through the built CLI on a real runtime: onnxruntime-node's CPU EP. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench run --suite smoke', () => {
  it('runs null and ort-node:cpu, writing one valid file with ok jobs', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'smoke', '--results-dir', dir, '--no-report']);
    expect(run.code, run.stderr).toBe(0);
    const [machine] = readdirSync(dir);
    const [name] = readdirSync(path.join(dir, machine!));
    const file = path.join(dir, machine!, name!);
    const result = parseResult(readFileSync(file, 'utf8'), file);
    expect(result.machine.id).toBe(machine);
    const ort = result.jobs.find((j) => j.runtime.id === 'ort-node')!;
    expect(ort.status).toBe('ok');
    expect(ort.runtime.backend).toBe('cpu');
    expect(ort.runtime.version).toMatch(/^1\.\d+/);
    expect(ort.runtime.options).toHaveProperty('graphOptimizationLevel');
    expect(ort.latencyNs!.p90).toBeGreaterThanOrEqual(ort.latencyNs!.p50);
    expect(ort.samplesNs!.length).toBeGreaterThan(0);
    expect(ort.coldStart!.sessionCreateMs).toBeGreaterThan(0);
    expect(result.jobs.find((j) => j.runtime.id === 'null')!.status).toBe('ok');
    expect(run.stdout).toContain(file);
  });
});
