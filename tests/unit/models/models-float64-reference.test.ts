import { describe, expect, it } from 'vitest';
import { float64Forward, resolveArch, withExplicitWeights } from '../../../harness/models/index.js';
import type { ArchDescription } from '../../../harness/models/index.js';

const w = (dims: number[], data: number[]) => ({ dims, data });

/** A tiny description with explicit weights, small enough to compute by hand. */
function tiny(layers: ArchDescription['layers'], inputDims: number[]): ArchDescription {
  return {
    format: 'mlbench-arch',
    version: 1,
    name: 'tiny',
    seed: 0,
    input: { name: 'x', dims: inputDims },
    output: { name: 'y' },
    layers,
  };
}

const run = (desc: ArchDescription, values: number[], batch = 1) =>
  float64Forward(resolveArch(desc).arch, {
    x: { dtype: 'float32', dims: [batch, ...desc.input.dims], data: Float32Array.from(values) },
  }).y!;

describe('models: float64 reference forward pass', () => {
  it('matches a hand-computed dense -> relu -> dense -> sigmoid', () => {
    // h = relu([1, 2] . [[1, -1], [0.5, 2]] + [0, -1]) = relu([2, 2]) = [2, 2]; y = sigmoid(2*0.25 + 2*(-0.5) + 0.1) = sigmoid(-0.4)
    const desc = tiny(
      [
        {
          type: 'dense',
          units: 2,
          activation: 'relu',
          weights: { kernel: w([2, 2], [1, -1, 0.5, 2]), bias: w([2], [0, -1]) },
        },
        {
          type: 'dense',
          units: 1,
          activation: 'sigmoid',
          weights: { kernel: w([2, 1], [0.25, -0.5]), bias: w([1], [0.1]) },
        },
      ],
      [2],
    );
    const y = run(desc, [1, 2, -1, 0], 2);
    expect(y.dims).toEqual([2, 1]);
    expect(y.data[0]).toBeCloseTo(1 / (1 + Math.exp(0.4)), 7);
    // Second row: relu([-1, 1] + [0, -1]) = [0, 0]; y = sigmoid(0.1).
    expect(y.data[1]).toBeCloseTo(1 / (1 + Math.exp(-0.1)), 7);
  });

  it('matches a hand-computed 2x2 conv (same padding, extra at the end), max pool and softmax', () => {
    // One channel 2x2 input [[1, 2], [3, 4]]; kernel 2x2 of ones, bias 0, same padding pads
    // one row and one column at the end: out = [[1+2+3+4, 2+4], [3+4, 4]] = [[10, 6], [7, 4]].
    const desc = tiny(
      [
        {
          type: 'conv2d',
          filters: 1,
          kernel: 2,
          padding: 'same',
          weights: { kernel: w([2, 2, 1, 1], [1, 1, 1, 1]), bias: w([1], [0]) },
        },
        { type: 'flatten' },
        {
          type: 'dense',
          units: 2,
          activation: 'softmax',
          weights: { kernel: w([4, 2], [1, 0, 0, 0, 0, 1, 0, 0]), bias: w([2], [0, 0]) },
        },
      ],
      [1, 2, 2],
    );
    const y = run(desc, [1, 2, 3, 4]);
    // logits = [10, 7]: softmax = [1 / (1 + e^-3), e^-3 / (1 + e^-3)].
    expect(y.data[0]).toBeCloseTo(1 / (1 + Math.exp(-3)), 9);
    expect(y.data[1]).toBeCloseTo(Math.exp(-3) / (1 + Math.exp(-3)), 9);
    const pooled = run(tiny([{ type: 'maxPool2d', size: 2 }, { type: 'flatten' }], [1, 2, 2]), [1, 5, 3, 4]);
    expect(Array.from(pooled.data as Float64Array)).toEqual([5]);
  });

  it('adds the residual shortcut and takes explicit weights as the runtimes get them (float32)', () => {
    const desc = withExplicitWeights(
      resolveArch(
        tiny(
          [
            {
              type: 'residual',
              activation: 'relu',
              body: [
                { type: 'dense', units: 2, weights: { kernel: w([2, 2], [0.1, 0, 0, 0.1]), bias: w([2], [0, 0]) } },
              ],
            },
          ],
          [2],
        ),
      ).arch,
    );
    const y = run(desc, [1, -3]);
    // relu([1, -3] * 0.1 + [1, -3]) = relu([1.1, -3.3]); the kernel is float32(0.1).
    expect(y.data[0]).toBeCloseTo(1 + Math.fround(0.1), 12);
    expect(y.data[1]).toBe(0);
  });
});
