import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { createRuntime } from '../../../harness/runtimes/index.js';

const fixture = path.resolve('tests/fixtures/decoder/decoder_model_merged.onnx');

/** Greedy tokens of one prompt on a runtime, with and without the KV cache. */
async function decode(runtimeId: string, useCache: boolean): Promise<{ tokens: number[]; callbacks: number[] }> {
  const model = await buildModel({ kind: 'file', path: fixture });
  const { session } = await (await createRuntime(runtimeId)).load(model, {});
  try {
    const callbacks: number[] = [];
    const tokens = await session.generate!({ inputIds: [5, 17, 3, 42, 9], outputTokens: 12, useCache }, (i) =>
      callbacks.push(i),
    );
    return { tokens, callbacks };
  } finally {
    await session.dispose();
  }
}

describe('Session.generate on onnxruntime (optimum merged decoder fixture)', () => {
  it('ort-node:cpu: exactly the requested tokens, one callback each, cached = uncached', async () => {
    const cached = await decode('ort-node:cpu', true);
    expect(cached.tokens).toHaveLength(12);
    expect(cached.callbacks).toEqual([...Array(12).keys()]);
    expect(new Set(cached.tokens).size).toBeGreaterThan(1);
    expect((await decode('ort-node:cpu', false)).tokens).toEqual(cached.tokens);
  });

  it('ort-web:wasm gives the same greedy tokens as ort-node:cpu', async () => {
    expect((await decode('ort-web:wasm', true)).tokens).toEqual((await decode('ort-node:cpu', true)).tokens);
  }, 30_000);
});
