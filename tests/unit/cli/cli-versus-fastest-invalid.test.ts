/**
 * The end-of-run table ranks a LoadGen-INVALID job with its mark instead of dropping it from
 * `vs fastest`, and says why it is INVALID (its validity reasons, e.g. too few queries).
 */
import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../../harness/cli/run-output.js';
import { job } from '../compare/make-result.js';

const latency = (p50: number) => ({
  min: p50,
  p50,
  p90: p50,
  p95: p50,
  p97: p50,
  p99: p50,
  p999: p50,
  max: p50,
  mean: p50,
});

describe('run table: INVALID jobs in vs fastest', () => {
  it('ranks the INVALID job with its mark and gives the reason', () => {
    const wasm = job({
      runtime: { id: 'tfjs', backend: 'wasm', version: '4', threads: null, options: {} },
      latencyNs: latency(10_000),
      samplesNs: undefined,
    });
    const cpu = job({
      runtime: { id: 'tfjs', backend: 'cpu', version: '4', threads: null, options: {} },
      latencyNs: latency(330_000),
      samplesNs: undefined,
      status: 'invalid',
      validity: { valid: false, reasons: ['min query count not met: 57 < 200 (minQueryCount)'], recommendations: [] },
    });
    const text = summaryTable([wasm, cpu]);
    const cpuRow = text.split('\n').find((l) => l.includes('tfjs:cpu'))!;
    expect(cpuRow).toMatch(/x33 \(INVALID\)/);
    expect(text.split('\n').find((l) => l.includes('tfjs:wasm'))).toMatch(/\*\s*$/);
    expect(text).toMatch(
      /INVALID by LoadGen rules[^\n]*\n\s+smoke\/logreg-32 on tfjs:cpu \(single-stream\): min query count not met: 57 < 200 \(minQueryCount\)/,
    );
  });
});

describe('run table: skip reasons', () => {
  it('shows why a job was skipped in its row, and the whole reason after the table', () => {
    const reason =
      'cannot run an ONNX file (tfjs runs zoo and trained models and TensorFlow.js model.json files); an ONNX file needs an ONNX runtime';
    const skipped = (backend: string) =>
      job({
        runtime: { id: 'tfjs', backend, version: '4', threads: null, options: {} },
        status: 'skipped',
        latencyNs: undefined,
        samplesNs: undefined,
        error: { code: 'E_SKIPPED', message: `tfjs:${backend} ${reason}` },
      });
    const text = summaryTable([job(), skipped('cpu'), skipped('wasm')]);
    expect(text.split('\n').find((l) => l.includes('tfjs:cpu'))).toMatch(/skipped: cannot run an ONNX file/);
    expect(text).toContain(`skipped:\n  tfjs:cpu, tfjs:wasm: ${reason}`);
  });
});
