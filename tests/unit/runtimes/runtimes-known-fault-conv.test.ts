/**
 * The pinned known fault (harness/models/known-faults.ts): the one-Conv repro (6 input
 * channels) is generated and run. On ort-node:webgpu over llvmpipe it EXPECTS the wrong result
 * (max abs diff > 0.1 against float64); the same Conv is right on ort-node:cpu, and with 8 input
 * channels it is right on the WebGPU EP too, so the pin names exactly one op signature. Needs the
 * WebGPU adapter (.ci/run installs Mesa 25 llvmpipe): without one this test fails, it never skips.
 */
import { describe, expect, it } from 'vitest';
import { ARCH_FORMAT, ARCH_VERSION, type ResolvedArch } from '../../../harness/arch.js';
import { artifactFromDescription, checkParity } from '../../../harness/models/index.js';
import { KNOWN_FAULTS, reproCase, runRepro } from '../../../harness/models/known-faults.js';
import { createOrtNodeRuntime } from '../../../harness/runtimes/ort-node.js';
import { probeAdapterInChild } from '../../../harness/system/gpu-adapter.js';

const fault = KNOWN_FAULTS.find((f) => f.id === 'ort-webgpu-llvmpipe-conv-6in')!;

describe('known fault: Conv with 6 input channels on ort-node:webgpu (llvmpipe)', () => {
  it('the repro is one Conv with its shapes', () => {
    const { model, shape } = reproCase(fault);
    expect((model.arch as ResolvedArch).description.layers.filter((l) => l.type === 'conv2d')).toHaveLength(1);
    expect(shape).toBe('input [1, 6, 14, 14], kernel 5x5, 6 -> 16 channels');
  });

  it('is wrong on the WebGPU EP over llvmpipe, right on the CPU EP and with 8 input channels', async () => {
    const probe = await probeAdapterInChild();
    expect('adapter' in probe ? probe.adapter.description : probe.unavailable).toMatch(/llvmpipe/);
    const webgpu = createOrtNodeRuntime('webgpu');
    const wrong = await runRepro(fault, webgpu);
    expect(wrong.maxAbsDiff, 'the pinned fault: if this passes, the runtime was fixed; remove the pin').toBeGreaterThan(
      0.1,
    );
    expect((await runRepro(fault, createOrtNodeRuntime('cpu'))).maxAbsDiff).toBeLessThan(1e-4);
    const eight = artifactFromDescription({
      ...fault.repro(),
      format: ARCH_FORMAT,
      version: ARCH_VERSION,
      input: { name: 'input', dims: [8, 14, 14] },
    });
    const data = Float32Array.from({ length: 8 * 14 * 14 }, (_, i) => Math.sin(i));
    const feeds = { input: { dtype: 'float32' as const, dims: [1, 8, 14, 14], data } };
    const { session } = await webgpu.load(eight, {});
    const parity = await checkParity(eight, feeds, await session.run(feeds));
    await session.dispose();
    expect(parity).toMatchObject({ pass: true });
  });
});
