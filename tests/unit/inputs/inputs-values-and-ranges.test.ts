/** Model-file inputs: --input-range, .npy and string values, float16/bfloat16 encoding, readable load errors. */
import { dump } from 'npyjs';
import { describe, expect, it } from 'vitest';
import {
  bfloat16Bits,
  bfloat16ToNumber,
  float16Bits,
  float16ToNumber,
  inputSamples,
  parseInputFlag,
  parseRangeFlag,
  resolveInputs,
} from '../../../harness/inputs/index.js';
import { readableRuntimeMessage } from '../../../harness/errors.js';
import type { TensorSpec } from '../../../harness/types.js';

const BERT: TensorSpec[] = [
  { name: 'input_ids', dtype: 'int64', dims: ['batch', 'seq'] },
  { name: 'text', dtype: 'string', dims: [1] },
];

describe('model file inputs', () => {
  it('draws integer ids from --input-range, inclusive, and strings from the generator or --input', () => {
    const [name, range] = parseRangeFlag('input_ids=0..30521');
    const inputs = resolveInputs(
      BERT,
      { shapes: { input_ids: [1, 4096] }, values: {}, ranges: { [name]: range } },
      'bert.onnx',
    );
    const ids = Array.from(inputSamples(inputs, 1, 7).feeds([0]).input_ids!.data as BigInt64Array, Number);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ids)).toBeLessThanOrEqual(30521);
    expect(Math.max(...ids)).toBeGreaterThan(20000);
    expect(inputSamples(inputs, 1, 7).feeds([0]).text!.data[0]).toMatch(/^w\d+$/);
    const fixed = resolveInputs(
      BERT,
      { shapes: { input_ids: [1, 2] }, values: Object.fromEntries([parseInputFlag('text=["hello world"]')]) },
      'bert.onnx',
    );
    expect(inputSamples(fixed, 1, 7).feeds([0]).text!.data).toEqual(['hello world']);
    expect(parseInputFlag('text=hello')[1]).toEqual({ data: ['hello'], dims: [] });
    expect(() => parseRangeFlag('input_ids=9..1')).toThrow(/--input-range input_ids=9\.\.1: expected name=LOW\.\.HIGH/);
    expect(() =>
      resolveInputs(BERT, { shapes: { input_ids: [1, 2] }, values: { text: { data: [1] } } }, 'bert.onnx'),
    ).toThrow(/input "text" is string; give strings/);
  });

  it('reads values and their dims from a .npy file', () => {
    const bytes = new Uint8Array(dump(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]));
    const [, v] = parseInputFlag('x=@batch.npy', () => bytes);
    expect(v).toEqual({ data: [1, 2, 3, 4, 5, 6], dims: [2, 3] });
    expect(() => parseInputFlag('x=@bad.npy', () => new Uint8Array([1, 2, 3]))).toThrow(
      /--input x: bad\.npy: not a readable \.npy file/,
    );
  });

  it('encodes float16 and bfloat16 to nearest, as numpy does', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2.5)).toBe(0xc100);
    expect(float16Bits(65520)).toBe(0x7c00);
    expect(float16Bits(5.96e-8)).toBe(0x0001);
    for (const x of [0.1, -0.333, 1000.7, 1e-5])
      expect(Math.abs(float16ToNumber(float16Bits(x)) - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 2 ** -25);
    expect(bfloat16Bits(1)).toBe(0x3f80);
    expect(bfloat16ToNumber(bfloat16Bits(3.14159))).toBeCloseTo(3.140625, 6);
  });

  it('keeps the meaningful part of an onnxruntime load error', () => {
    const node =
      '/onnxruntime_src/onnxruntime/core/graph/model.cc:202 onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&, const onnxruntime::logging::Logger&, const onnxruntime::ModelOptions&) Unsupported model IR version: 99, max supported IR version: 13\n';
    expect(readableRuntimeMessage(`ort-node:cpu cannot load model g: ${node}`)).toBe(
      'ort-node:cpu cannot load model g: Unsupported model IR version: 99, max supported IR version: 13',
    );
    expect(
      readableRuntimeMessage(
        `Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: /mnt/s/onnxruntime/core/graph/model.cc:203 onnxruntime::Model::Model(ModelProto &&, const PathString &) Unsupported model IR version: 99`,
      ),
    ).toBe('Unsupported model IR version: 99');
    expect(readableRuntimeMessage('plain reason\nstack')).toBe('plain reason');
  });
});
