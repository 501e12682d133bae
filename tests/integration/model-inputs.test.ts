/** `mlbench model` input resolution: --shape / --input against declared inputs, and the samples a job feeds. */
import { describe, expect, it } from 'vitest';
import { inputSamples, parseInputFlag, parseShapeFlag, resolveInputs } from '../../harness/inputs/index.js';
import type { TensorSpec } from '../../harness/types.js';

/** silero_vad.onnx's declared inputs. */
const VAD: TensorSpec[] = [
  { name: 'input', dtype: 'float32', dims: ['batch', 'sequence'] },
  { name: 'sr', dtype: 'int64', dims: [] },
  { name: 'h', dtype: 'float32', dims: [2, 'batch', 64] },
  { name: 'c', dtype: 'float32', dims: [2, 'batch', 64] },
];

describe('model inputs', () => {
  it('binds symbolic dims by name across inputs and keeps fixed scalars', () => {
    const request = {
      shapes: Object.fromEntries([parseShapeFlag('input=3x512')]),
      values: Object.fromEntries([parseInputFlag('sr=16000')]),
    };
    const inputs = resolveInputs(VAD, request, 'vad.onnx');
    expect(inputs.map((i) => i.dims)).toEqual([[3, 512], [], [2, 3, 64], [2, 3, 64]]);
    expect(inputs[1]!.fixed).toEqual([16000]);
    const feeds = inputSamples(inputs, 4, 1).feeds([2]);
    expect(feeds.sr!.data).toEqual(new BigInt64Array([16000n]));
    expect(feeds.h!.dims).toEqual([2, 3, 64]);
    expect(feeds.input!.data.length).toBe(3 * 512);
  });

  it('reads nested arrays and @file.json values, with their dims', () => {
    const [, v] = parseInputFlag('m=[[1,2],[3,4],[5,6]]');
    expect(v).toEqual({ data: [1, 2, 3, 4, 5, 6], dims: [3, 2] });
    const [, f] = parseInputFlag('m=@values.json', () => '{"dims": [2], "data": [7, 8]}');
    expect(f).toEqual({ data: [7, 8], dims: [2] });
    expect(() =>
      parseInputFlag('m=@missing.json', () => {
        throw Object.assign(new Error('x'), { code: 'ENOENT' });
      }),
    ).toThrow(/missing\.json: cannot read the file \(ENOENT\)/);
    expect(() => parseInputFlag('m=[[1],[2,3]]')).toThrow(/rectangular/);
  });

  it('names the input and its expected shape on a wrong shape, and lists inputs on an unknown name', () => {
    const none = { shapes: {}, values: {} };
    expect(() => resolveInputs(VAD, { ...none, shapes: { input: [1, 3, 512] } }, 'vad.onnx')).toThrow(
      /input "input" has rank 2.*expected shape \[batch, sequence\]/,
    );
    expect(() => resolveInputs(VAD, { ...none, shapes: { h: [3, 1, 64] } }, 'vad.onnx')).toThrow(
      /"h" axis 0 must be 2, got 3; expected shape \[2, batch, 64\]/,
    );
    expect(() => resolveInputs(VAD, { ...none, shapes: { nope: [1] } }, 'vad.onnx')).toThrow(
      /vad\.onnx has no input "nope"\. Its inputs: input \[batch, sequence\] float32; sr \[\] int64/,
    );
    expect(() => resolveInputs(VAD, none, 'vad.onnx')).toThrow(
      /symbolic dim "sequence" \(axis 1\) has no size; set it with --shape input=1xN/,
    );
    expect(() =>
      resolveInputs(VAD, { shapes: { input: [1, 8] }, values: { sr: { data: [1, 2] } } }, 'vad.onnx'),
    ).toThrow(/2 value\(s\) for input "sr" of shape \[\]/);
    expect(() => parseShapeFlag('input=1x0')).toThrow(/--shape input=1x0: expected name=DIMxDIMx/);
  });

  it('refuses queries of several samples, with advice', () => {
    const source = inputSamples(resolveInputs(VAD, { shapes: { input: [1, 8] }, values: {} }, 'vad.onnx'), 8, 1);
    expect(() => source.feeds([0, 1])).toThrow(/--shape and use --batch-size 1/);
  });
});
