import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateRoofline, applyRoofline, jobPeak, matmulPeaks } from '../../../harness/micro/index.js';
import { coreFp32, fp32PeakEstimate, procCpuinfoGHz, type Fp32Peak } from '../../../harness/system/metadata.js';
import { resultPath, writeResult } from '../../../results/store.js';
import type { JobResult } from '../../../results/schema.js';
import { job, result } from '../compare/make-result.js';

const ORT: JobResult['runtime'] = { id: 'ort-node', backend: 'cpu', version: '1.30.0', threads: null, options: {} };
const TFJS: JobResult['runtime'] = { id: 'tfjs', backend: 'wasm', version: '4.22.0', threads: 1, options: {} };

function matmul(id: string, gflops: number, runtime = ORT, status: JobResult['status'] = 'ok'): JobResult {
  return job({
    id,
    suite: 'micro',
    workload: id,
    runtime,
    status,
    model: { kind: 'micro', op: 'matmul', params: {} },
    achievedGflops: gflops,
    micro: { op: 'matmul', params: {}, label: id, bound: 'compute', bytes: 1 },
  });
}
const zoo = (runtime = ORT) => job({ id: `zoo/m/${runtime.id}`, suite: 'zoo', runtime, achievedGflops: 20 });

/** 2 Zen 3 cores at 2.5 GHz with AVX2 and FMA: 2 x 2.5 x (8 lanes x 2 x 2 FMA units) = 160 GFLOP/s. */
const PEAK = fp32PeakEstimate(
  { manufacturer: 'AMD', family: '25', model: '33', physicalCores: 2, speedGHz: null, flags: ['avx', 'avx2', 'fma'] },
  2.5,
) as Fp32Peak;

describe('roofline: theoretical FP32 peak, measured matmul beside it', () => {
  it('computes cores x clock x FLOPs/cycle from the microarchitecture table and records its inputs', () => {
    expect(PEAK).toMatchObject({
      gflops: 160,
      cores: 2,
      clockGHz: 2.5,
      clockSource: '/proc/cpuinfo cpu MHz',
      isa: 'avx2',
      lanes: 8,
      fmaUnits: 2,
      flopsPerCycle: 32,
      uarch: 'Zen 3',
    });
    // Only /proc/cpuinfo's current MHz was read: base and boost are recorded as not read, not as that figure.
    expect(PEAK.clockRangeGHz).toEqual([null, null]);
    // The boost clock when known, with [base, boost] recorded.
    expect(
      fp32PeakEstimate(
        {
          manufacturer: 'AMD',
          family: '26',
          model: '2',
          physicalCores: 4,
          speedGHz: 2,
          speedMaxGHz: 3,
          flags: ['avx2', 'avx512f', 'fma'],
        },
        null,
      ),
    ).toMatchObject({
      gflops: 4 * 3 * 64,
      clockSource: 'systeminformation speedMax',
      clockRangeGHz: [2, 3],
      uarch: 'Zen 5 (server, 512-bit datapath)',
    });
    expect(
      fp32PeakEstimate(
        { manufacturer: 'Intel', family: '6', physicalCores: 4, speedGHz: null, flags: ['avx2', 'fma'] },
        null,
      ),
    ).toMatchObject({ unknown: expect.stringMatching(/no clock/) });
    expect(coreFp32({ manufacturer: 'AMD', family: '23', model: '1', flags: ['avx2', 'fma'] })).toMatchObject({
      flopsPerCycle: 16,
    });
    expect(coreFp32({ manufacturer: 'Intel', family: '6', model: '85', flags: ['avx2', 'fma'] })).toMatchObject({
      flopsPerCycle: 32,
    });
  });

  it('answers unknown rather than guessing FLOPs/cycle: no peak, so no % of peak', () => {
    const intel512 = fp32PeakEstimate(
      {
        manufacturer: 'Intel',
        family: '6',
        model: '85',
        physicalCores: 4,
        speedGHz: 2,
        flags: ['avx2', 'avx512f', 'fma'],
      },
      null,
    );
    expect(intel512).toMatchObject({ unknown: expect.stringMatching(/one or two 512-bit FMA units/) });
    const other = fp32PeakEstimate(
      { manufacturer: 'Acme', family: '1', physicalCores: 4, speedGHz: 2, flags: ['neon'] },
      null,
    );
    expect(other).toMatchObject({ unknown: expect.stringMatching(/not in the microarchitecture table/) });
    const [j] = annotateRoofline([zoo()], new Map(), null);
    expect(j!.peakPercent).toBeUndefined();
  });

  it('rates a job against the cores it can use: one thread is one core', () => {
    expect(jobPeak(PEAK, 1)).toMatchObject({ gflops: 80, cores: 1, machineCores: 2 });
    expect(jobPeak(PEAK, null)).toBe(PEAK);
    expect(jobPeak(PEAK, 8)).toBe(PEAK);
    expect(procCpuinfoGHz('cpu MHz\t\t: 2445.430\ncpu MHz\t\t: 3000.000\n')).toBe(3);
  });

  it('gives % of the theoretical peak, with the best measured matmul of the runtime beside it', () => {
    const jobs = [
      matmul('a', 80),
      matmul('b', 100),
      matmul('c', 500, ORT, 'failed'),
      matmul('d', 40, TFJS),
      zoo(),
      zoo(TFJS),
    ];
    const peaks = matmulPeaks(jobs, { runId: 'r1', sameRun: true });
    expect(peaks.get('ort-node:cpu')).toMatchObject({ gflops: 100, job: 'b', sameRun: true });
    const out = annotateRoofline(jobs, peaks, PEAK);
    expect(out[4]).toMatchObject({
      peakGflops: 160,
      peakPercent: 12.5,
      measuredPeakGflops: 100,
      peakSource: { runId: 'r1', job: 'b', sameRun: true },
      peakEstimate: PEAK,
    });
    expect(out[4]!.peakWarning).toBeUndefined();
    // tfjs:wasm runs one thread: 20 GFLOP/s is 25 % of one core's 80, not 12.5 % of two cores'.
    expect(out[5]).toMatchObject({ peakPercent: 25, peakGflops: 80, measuredPeakGflops: 40 });
    expect(out[1]!.peakPercent).toBeUndefined();
  });

  it('flags a figure above 100 % as wrong estimate inputs, never as a success', () => {
    const [fast] = annotateRoofline(
      [job({ id: 'zoo/fast', suite: 'zoo', runtime: ORT, achievedGflops: 200 })],
      new Map(),
      PEAK,
    );
    expect(fast!.peakPercent).toBe(125);
    expect(fast!.peakWarning).toMatch(/impossible: the estimate's inputs are wrong \(2 cores x 2\.50 GHz/);
  });

  it('falls back to the newest earlier result of the same machine, never another machine', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-roofline-'));
    const old = { ...result([matmul('old', 50)], 'm-1'), runId: '2026-01-01T00-00-00-000Z-aaaa' };
    const newer = { ...result([matmul('new', 80)], 'm-1'), runId: '2026-01-02T00-00-00-000Z-bbbb' };
    const other = { ...result([matmul('x', 999, TFJS)], 'm-2'), runId: '2026-01-03T00-00-00-000Z-cccc' };
    for (const r of [old, newer, other]) await writeResult(resultPath(dir, r.machine.id, r.runId), r);
    const [annotated, tf] = await applyRoofline([zoo(), zoo(TFJS)], {
      runId: 'now',
      resultsDir: dir,
      machineId: 'm-1',
    });
    expect(annotated).toMatchObject({
      measuredPeakGflops: 80,
      peakSource: { runId: newer.runId, job: 'new', sameRun: false },
    });
    expect(annotated!.peakSource!.file).toContain('m-1');
    expect(tf!.measuredPeakGflops).toBeUndefined();
  });

  it('leaves jobs alone when there is no results dir for the machine', async () => {
    const jobs = await applyRoofline([zoo()], { runId: 'now', resultsDir: '/nonexistent-mlbench', machineId: 'm-9' });
    expect(jobs[0]!.measuredPeakGflops).toBeUndefined();
  });
});
