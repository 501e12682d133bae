/** One small zoo job end to end: parity, FLOPs, achievedGflops and cold start land in the result. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench run --suite zoo', () => {
  it('records parity against the float64 reference, flops, % of the FP32 peak, LoadGen keys and cold start for a zoo job', () => {
    const dir = tempDir();
    // 4 jobs on ort-node:cpu single-stream; the first of 4 shards is mobilenet-q64-b1.
    const run = mlbench([
      'run',
      '--suite',
      'zoo',
      '--runtime',
      'ort-node:cpu',
      '--scenario',
      'single-stream',
      '--shard',
      '1/4',
      '--min-duration',
      '100',
      '--results-dir',
      dir,
      '--no-report',
      '-v',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [machine] = readdirSync(dir);
    const [name] = readdirSync(path.join(dir, machine!));
    const file = path.join(dir, machine!, name!);
    const [job] = parseResult(readFileSync(file, 'utf8'), file).jobs;
    expect(job!.id).toBe('zoo/mobilenet-q64-b1/ort-node:cpu/single-stream');
    expect(job!.status).toBe('ok');
    // Checked against the float64 forward pass of the description, not against itself.
    expect(job!.parity).toMatchObject({ reference: 'float64 (architecture description)', pass: true });
    expect((job!.parity as { maxAbsDiff: number }).maxAbsDiff).toBeGreaterThan(0);
    expect(job!.peakPercent).toBeGreaterThan(0);
    expect(job!.peakPercent).toBeLessThanOrEqual(100);
    expect(job!.peakEstimate?.method).toMatch(/cores.* x clock x FP32 FLOPs\/cycle/);
    expect(job!.metric).toMatchObject({ key: 'early_stopping_latency_ss' });
    expect(job!.loadgen).toMatchObject({
      result_validity: 'VALID',
      early_stopping_latency_ss: job!.metric!.value,
      'result_90.00_percentile_latency_ns': job!.latencyNs!.p90,
    });
    expect(job!.flops).toBeGreaterThan(1e6);
    expect(job!.achievedGflops).toBeGreaterThan(0);
    expect(job!.coldStart).toMatchObject({
      loadMs: expect.any(Number),
      sessionCreateMs: expect.any(Number),
      firstRunMs: expect.any(Number),
    });
    // The roofline table is a detail: printed with -v.
    expect(run.stdout).toMatch(/GFLOP\/s.*% FP32 peak.*parity/);
  });
});
