import { describe, expect, it } from 'vitest';
import { executeJob } from '../../../harness/isolate/execute.js';
import { checkPrecision } from '../../../harness/isolate/precision-check.js';
import { precisionSuite } from '../../../suites/precision/index.js';
import { RUNTIMES } from '../../../harness/runtimes/index.js';
import { completeSettings, defaultSettings } from '../../../harness/config/settings.js';
import type { Job, Runtime } from '../../../harness/types.js';

const workload = (id: string) => precisionSuite.workloads('quick').find((w) => w.id === id)!;
const job = (id: string, runtime: string): Job => ({
  id: `precision/${id}/${runtime}`,
  suite: 'precision',
  workload: workload(id),
  runtime,
  scenario: 'single-stream',
  repeat: 0,
  settings: completeSettings({ ...workload(id).settings, minDurationMs: 0, minQueryCount: 4 }),
});

describe('precision: jobs record their error beside the bound; unsupported pairs are unavailable with the reason', () => {
  it('bert int8 on ort-node:cpu: ok, parity not judged, error within the stated bound', async () => {
    const out = await executeJob(job('bert-q16-int8', 'ort-node:cpu'), () => {});
    expect(out.status).toBe('ok');
    expect(out.precision).toMatchObject({
      precision: 'int8',
      scheme: 'int8 dynamic',
      reference: expect.stringMatching(/^float64/),
      withinBound: true,
      rows: 64,
    });
    expect(out.precision!.normalizedMaxError).toBeGreaterThan(1e-3); // int8 really ran, not fp32
    expect(out.parity).toMatchObject({ checked: false, note: expect.stringMatching(/^not judged \(int8/) });
  }, 60_000);

  it('mobilenet fp32 keeps parity pass/fail and records its error too', async () => {
    const out = await executeJob(job('mobilenet-q32-fp32', 'ort-node:cpu'), () => {});
    expect(out.parity).toMatchObject({ pass: true });
    expect(out.precision).toMatchObject({ precision: 'fp32', withinBound: true, top1Agreement: 1 });
  }, 60_000);

  it('tfjs:wasm has no int8 kernels: unavailable with the reason, nothing measured', async () => {
    const out = await executeJob(job('mobilenet-q32-int8', 'tfjs:wasm'), () => {});
    expect(out.status).toBe('unavailable');
    expect(out.error).toMatchObject({
      code: 'E_PRECISION',
      message: expect.stringMatching(/^tfjs:wasm has no int8 kernels \(/),
    });
    expect(out.latencyNs).toBeUndefined();
  }, 60_000);

  it("a precision the engine refuses when tried is unavailable, naming the engine's error", async () => {
    const ort = await RUNTIMES['ort-node:cpu']!.create();
    // The engine as it would be without MatMulInteger kernels: its load refuses such graphs.
    const refusing: Runtime = {
      ...ort,
      load: async (m, s) => {
        if (Buffer.from(m.onnx).includes('MatMulInteger'))
          throw new Error("Could not find an implementation for MatMulInteger(10) node with name 'q0_MatMulInteger'");
        return ort.load(m, s);
      },
    };
    const settings = completeSettings(defaultSettings());
    expect(await checkPrecision('ort-node:cpu', refusing, 'int8', settings)).toEqual({
      available: false,
      reason: expect.stringMatching(
        /^ort-node:cpu has no int8 kernels \(a one-Gemm int8 probe model failed: Could not find an implementation for MatMulInteger/,
      ),
    });
    for (const p of ['fp16', 'int8', 'int8w'] as const)
      expect(await checkPrecision('ort-node:cpu', ort, p, settings)).toEqual({ available: true });
  });
});
