import { describe, expect, it } from 'vitest';
import { createMicroSession, MICRO_OP_IDS, resolveMicroOp } from '../../../harness/micro/index.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import { createRuntime } from '../../../harness/runtimes/index.js';
import type { Tensor } from '../../../harness/types.js';

const SMALL: Record<string, Record<string, number>> = {
  matmul: { m: 3, k: 4, n: 5 },
  conv2d: { channels: 2, size: 6 },
  depthwiseConv2d: { channels: 3, size: 6 },
  softmax: { rows: 2, cols: 7 },
  gather: { vocab: 9, dim: 4, indices: 5 },
};

/** Output dims, with NHWC images (tfjs) put back in NCHW order for comparison. */
const nchw = (t: Tensor, tfjs: boolean) =>
  tfjs && t.dims.length === 4 ? [t.dims[0], t.dims[3], t.dims[1], t.dims[2]] : t.dims;

describe('micro ops run as sessions on ort-node:cpu and tfjs:cpu', () => {
  it('gives the same output shapes on both, and softmax rows sum to 1', async () => {
    for (const id of MICRO_OP_IDS) {
      const { op, params } = resolveMicroOp(id, SMALL[id]!);
      const dims: number[][] = [];
      for (const runtimeId of ['ort-node:cpu', 'tfjs:cpu']) {
        const runtime = await createRuntime(runtimeId);
        const { session, feeds, info } = await createMicroSession(runtimeId, runtime, op, params, defaultSettings(), 1);
        const out = Object.values(await session.run(feeds))[0]!;
        dims.push(nchw(out, runtimeId.startsWith('tfjs')) as number[]);
        if (id === 'softmax') {
          const row = Array.from(out.data as Float32Array)
            .slice(0, 7)
            .reduce((a, b) => a + b, 0);
          expect(row).toBeCloseTo(1, 5);
        }
        if (runtimeId === 'tfjs:cpu') expect(info.options.backend).toBe('cpu');
        await session.dispose();
      }
      expect(dims[0], id).toEqual(dims[1]);
    }
  });

  it('matmul on ort-node:cpu equals the product computed by hand', async () => {
    const { op, params } = resolveMicroOp('matmul', { m: 2, k: 3, n: 2 });
    const { microConstant } = await import('../../../harness/micro/op-graph.js');
    const runtime = await createRuntime('ort-node:cpu');
    const { session, feeds } = await createMicroSession('ort-node:cpu', runtime, op, params, defaultSettings(), 5);
    const y = (await session.run(feeds)).y!.data as Float32Array;
    const a = feeds.a!.data as Float32Array;
    const w = microConstant(op, params, 'onnx', 5)!.data;
    const expected = [0, 1].flatMap((i) =>
      [0, 1].map((j) => [0, 1, 2].reduce((s, k) => s + a[i * 3 + k]! * w[k * 2 + j]!, 0)),
    );
    expected.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 5));
    await session.dispose();
  });
});
