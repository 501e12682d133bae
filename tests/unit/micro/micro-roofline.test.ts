import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotateRoofline, applyRoofline, matmulPeaks } from '../../../harness/micro/index.js';
import { resultPath, writeResult } from '../../../results/store.js';
import type { JobResult } from '../../../results/schema.js';
import { job, result } from '../compare/make-result.js';

const ORT: JobResult['runtime'] = { id: 'ort-node', backend: 'cpu', version: '1.30.0', threads: null, options: {} };
const TFJS: JobResult['runtime'] = { id: 'tfjs', backend: 'wasm', version: '4.22.0', threads: 1, options: {} };

function matmul(id: string, gflops: number, runtime = ORT, status: JobResult['status'] = 'ok'): JobResult {
  return job({ id, suite: 'micro', workload: id, runtime, status, model: { kind: 'micro', op: 'matmul', params: {} }, achievedGflops: gflops, micro: { op: 'matmul', params: {}, label: id, bound: 'compute', bytes: 1 } });
}
const zoo = (runtime = ORT) => job({ id: `zoo/m/${runtime.id}`, suite: 'zoo', runtime, achievedGflops: 20 });

describe('roofline: matmul peak per runtime', () => {
  it('takes the best ok matmul per runtime and annotates inference jobs with the percentage', () => {
    const jobs = [matmul('a', 80), matmul('b', 100), matmul('c', 500, ORT, 'failed'), matmul('d', 40, TFJS), zoo(), zoo(TFJS)];
    const peaks = matmulPeaks(jobs, { runId: 'r1', sameRun: true });
    expect(peaks.get('ort-node:cpu')).toMatchObject({ gflops: 100, job: 'b', sameRun: true });
    const out = annotateRoofline(jobs, peaks);
    expect(out[4]).toMatchObject({ peakGflops: 100, peakPercent: 20, peakSource: { runId: 'r1', job: 'b', sameRun: true } });
    expect(out[5]!.peakPercent).toBeCloseTo(50);
    expect(out[1]!.peakPercent).toBeUndefined();
  });

  it('falls back to the newest earlier result of the same machine, never another machine', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-roofline-'));
    const old = { ...result([matmul('old', 50)], 'm-1'), runId: '2026-01-01T00-00-00-000Z-aaaa' };
    const newer = { ...result([matmul('new', 80)], 'm-1'), runId: '2026-01-02T00-00-00-000Z-bbbb' };
    const other = { ...result([matmul('x', 999, TFJS)], 'm-2'), runId: '2026-01-03T00-00-00-000Z-cccc' };
    for (const r of [old, newer, other]) await writeResult(resultPath(dir, r.machine.id, r.runId), r);
    const [annotated, tf] = await applyRoofline([zoo(), zoo(TFJS)], { runId: 'now', resultsDir: dir, machineId: 'm-1' });
    expect(annotated).toMatchObject({ peakGflops: 80, peakPercent: 25, peakSource: { runId: newer.runId, job: 'new', sameRun: false } });
    expect(annotated!.peakSource!.file).toContain('m-1');
    expect(tf!.peakGflops).toBeUndefined();
  });

  it('leaves jobs alone when there is no results dir for the machine', async () => {
    const jobs = await applyRoofline([zoo()], { runId: 'now', resultsDir: '/nonexistent-mlbench', machineId: 'm-9' });
    expect(jobs[0]!.peakGflops).toBeUndefined();
  });
});
