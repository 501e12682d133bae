/**
 * BYO precision: a file's precision read from its ops and initializer types, on the shared cases
 * and on held-out quantized variants written here (quantize_dynamic's pattern, weight-only int8).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { onnxPrecision } from '../../../harness/models/onnx-precision.js';
import { quantizeMatMuls } from '../../helpers/onnx-quantize.js';

const DIR = path.resolve(__dirname, '../../../../shared/cases/onnx');
const read = (f: string) => new Uint8Array(readFileSync(path.join(DIR, f)));

describe.skipIf(!existsSync(DIR))('models: the precision of an ONNX file', () => {
  it('reads the shared cases: quantize_dynamic int8, fp32, float16 I/O', () => {
    expect(onnxPrecision(read('bert-tiny-int8.onnx'))).toMatchObject({
      scheme: 'int8 dynamic',
      tolerance: 'int8',
      evidence: expect.stringMatching(/12 DynamicQuantizeLinear, 12 MatMulInteger; 24 int8\/uint8 initializers/),
    });
    expect(onnxPrecision(read('bert-tiny.onnx'))).toMatchObject({ scheme: 'fp32', tolerance: 'fp32' });
    expect(onnxPrecision(read('fp16_io.onnx'))).toMatchObject({
      scheme: 'fp16',
      tolerance: 'fp16',
      evidence: expect.stringContaining('pixel_values'),
    });
  });

  it('reads held-out variants: dynamic int8 and weight-only int8', async () => {
    const bert = (
      await buildModel({
        kind: 'zoo',
        arch: 'bert',
        params: { layers: 1, hidden: 16, heads: 2, intermediate: 32, vocab: 20, context: 16 },
        seed: 2,
      })
    ).onnx;
    expect(onnxPrecision(quantizeMatMuls(bert, 'dynamic'))).toMatchObject({
      scheme: 'int8 dynamic',
      tolerance: 'int8',
    });
    const weightOnly = onnxPrecision(quantizeMatMuls(bert, 'weight-only'));
    expect(weightOnly).toMatchObject({ scheme: 'int8 weight-only', tolerance: 'int8' });
    expect(weightOnly.evidence).toMatch(/^(\d+) DequantizeLinear \(\1 on initializers\)/);
    expect(onnxPrecision(bert)).toMatchObject({ scheme: 'fp32' });
  });
});
