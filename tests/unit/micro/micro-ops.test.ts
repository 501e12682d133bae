import { describe, expect, it } from 'vitest';
import { MICRO_OPS, MICRO_OP_IDS, microFeeds, microOnnxModel, resolveMicroOp } from '../../../harness/micro/index.js';
import { readOnnxSignature } from '../../../harness/models/onnx-read.js';

describe('micro op catalog', () => {
  it('fills defaults and counts work by the documented rules', () => {
    const mm = resolveMicroOp('matmul', { m: 4, k: 8, n: 2 });
    expect(mm.op.flops(mm.params)).toBe(2 * 4 * 8 * 2);
    expect(mm.op.bytes(mm.params)).toBe(4 * (4 * 8 + 8 * 2 + 4 * 2));
    const conv = resolveMicroOp('conv2d', { channels: 8, size: 10 });
    expect(conv.params.kernel).toBe(3);
    expect(conv.op.flops(conv.params)).toBe(2 * 100 * 64 * 9);
    const dw = resolveMicroOp('depthwiseConv2d', { channels: 8, size: 10 });
    expect(dw.op.flops(dw.params)).toBe(2 * 100 * 8 * 9);
    const sm = resolveMicroOp('softmax', { rows: 2, cols: 3 });
    expect(sm.op.bound).toBe('memory');
    expect(sm.op.bytes(sm.params)).toBe(2 * 4 * 6);
    const g = resolveMicroOp('gather', { vocab: 10, dim: 4, indices: 3 });
    expect(g.op.bytes(g.params)).toBe(2 * 4 * 3 * 4 + 8 * 3);
  });

  it('refuses unknown ops and params, and non-positive sizes, naming them', () => {
    expect(() => resolveMicroOp('fft', {})).toThrow(/unknown op "fft".*matmul/);
    expect(() => resolveMicroOp('matmul', { q: 1 })).toThrow(/unknown param "q".*m, k, n/);
    expect(() => resolveMicroOp('matmul', { m: 0 })).toThrow(/param m must be a positive integer/);
  });

  it('writes a one-node ONNX graph per op that reads back with its input and output', () => {
    for (const id of MICRO_OP_IDS) {
      const { op, params } = resolveMicroOp(id, {});
      const model = microOnnxModel(op, params, 1);
      const sig = readOnnxSignature(model.onnx, id);
      expect(sig.nodeCount).toBe(1);
      expect(sig.inputs.map((i) => i.name)).toEqual(model.inputs.map((i) => i.name));
      expect(sig.inputs[0]!.dtype).toBe(id === 'gather' ? 'int64' : 'float32');
      expect(sig.outputs[0]!.dims).toEqual(model.outputs[0]!.dims);
    }
  });

  it('feeds images NCHW to ONNX runtimes and NHWC to tfjs, indices int64 and int32, seeded', () => {
    const conv = MICRO_OPS.conv2d;
    const p = { channels: 3, size: 5, kernel: 3 };
    expect(microFeeds(conv, p, 'onnx', 1).x!.dims).toEqual([1, 3, 5, 5]);
    expect(microFeeds(conv, p, 'tfjs', 1).x!.dims).toEqual([1, 5, 5, 3]);
    const gather = MICRO_OPS.gather;
    const gp = { vocab: 7, dim: 2, indices: 50 };
    const onnx = microFeeds(gather, gp, 'onnx', 3).indices!;
    const tfjs = microFeeds(gather, gp, 'tfjs', 3).indices!;
    expect(onnx.dtype).toBe('int64');
    expect(tfjs.dtype).toBe('int32');
    expect(Array.from(onnx.data as BigInt64Array, Number)).toEqual(Array.from(tfjs.data as Int32Array));
    expect(Math.max(...(tfjs.data as Int32Array))).toBeLessThan(7);
  });
});
