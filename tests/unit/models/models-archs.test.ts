import { describe, expect, it } from 'vitest';
import {
  buildModel,
  ZOO_ARCHS,
  readOnnxSignature,
  artifactFromDescription,
  zooDescription,
} from '../../../harness/models/index.js';

describe('models: zoo architectures', () => {
  it('counts MobileNet v1 and ResNet-18 parameters and FLOPs at their published sizes', async () => {
    const mobilenet = await buildModel({ kind: 'zoo', arch: 'mobilenet', params: {}, seed: 1 });
    expect(mobilenet.parameters).toBe(4_221_032); // 4.2 M, as published (BN folded into conv biases)
    expect(mobilenet.flopsPerSample! / 2 / 1e6).toBeCloseTo(568.7, 0); // ~569 M MACs, as published
    const resnet = await buildModel({ kind: 'zoo', arch: 'resnet', params: {}, seed: 1 });
    expect(resnet.parameters).toBe(11_684_712); // ResNet-18: 11.7 M
    expect(resnet.flopsPerSample! / 2 / 1e9).toBeCloseTo(1.81, 1); // ~1.8 G MACs
  });

  it('writes IR 8, opset 13 ONNX with a symbolic batch for every arch', async () => {
    for (const arch of ZOO_ARCHS) {
      const m = await buildModel({
        kind: 'zoo',
        arch,
        params: arch === 'mobilenet' || arch === 'resnet' ? { resolution: 32, width: 8 } : {},
        seed: 1,
      });
      const sig = readOnnxSignature(m.onnx, arch);
      expect(sig.irVersion).toBeLessThanOrEqual(8);
      expect(Math.max(...sig.opsets.map((o) => o.version))).toBeLessThanOrEqual(13);
      expect(sig.inputs[0]!.dims[0]).toBe('batch');
      expect(m.outputs[0]!.dims[0]).toBe('batch');
    }
  });

  it('scales with width, depth and resolution', async () => {
    const small = await buildModel({
      kind: 'zoo',
      arch: 'resnet',
      params: { resolution: 32, width: 8, depth: 2, classes: 10 },
      seed: 1,
    });
    const wider = await buildModel({
      kind: 'zoo',
      arch: 'resnet',
      params: { resolution: 32, width: 16, depth: 2, classes: 10 },
      seed: 1,
    });
    const larger = await buildModel({
      kind: 'zoo',
      arch: 'resnet',
      params: { resolution: 64, width: 8, depth: 2, classes: 10 },
      seed: 1,
    });
    expect(wider.parameters!).toBeGreaterThan(3 * small.parameters!);
    const ratio = larger.flopsPerSample! / small.flopsPerSample!;
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4.01);
    expect(larger.parameters).toBe(small.parameters);
  });

  it('names the layer when a resolution is too small', () => {
    expect(() => artifactFromDescription(zooDescription('lenet', { resolution: 4 }, 1))).toThrow(
      /layer 2 \(conv2d\).*smaller than the 5x5 window/,
    );
  });
});
