/**
 * ort-web:webgpu in Node is registered as a GPU runtime that is `unavailable` with the reason
 * found (harness/runtimes/ort-web-webgpu.ts), and loading it is a RuntimeError with that reason,
 * never a crash or a hang.
 */
import { describe, expect, it } from 'vitest';
import { describeRuntime, RUNTIMES } from '../../../harness/runtimes/index.js';

describe('ort-web:webgpu in Node', () => {
  it('is unavailable with the reason, and points to the runtimes that work', async () => {
    expect(describeRuntime('ort-web:webgpu')).toMatchObject({ family: 'onnx', device: 'gpu', host: 'node' });
    const runtime = await RUNTIMES['ort-web:webgpu']!.create();
    const probe = await runtime.probe();
    expect(probe).toMatchObject({
      available: false,
      reason: expect.stringMatching(/SharedArrayBuffer.*"Invalid argument".*chromium\/ort-web:webgpu/),
    });
    await expect(runtime.load({} as never, {} as never)).rejects.toThrow(
      /ort-web:webgpu: onnxruntime-web's WebGPU EP does not run in Node/,
    );
  });
});
