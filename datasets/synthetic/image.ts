/**
 * Seeded synthetic image-shaped tensors (NCHW float32 in [0, 1]) with class labels: each class
 * has a fixed random template and each image is half template, half uniform noise, so the
 * classes are separable and inference workloads get realistic, reproducible inputs.
 */
import { UsageError } from '../../harness/errors.js';
import type { Dataset, LoadedSlice } from '../../harness/types.js';
import { arraysChecksum } from '../checksum.js';
import { createRng } from '../../harness/measure/random.js';
import { parseCount } from './tabular.js';

export const SYNTHETIC_IMAGE_ID = 'synthetic-image';

/** Shape of a synthetic image set. */
export interface SyntheticImageOptions {
  count: number;
  channels?: number;
  height?: number;
  width?: number;
  classes?: number;
  seed?: number;
}

/** Generates `count` images, NCHW, labels 0..classes-1. */
export function syntheticImages(opts: SyntheticImageOptions): {
  features: Float32Array;
  labels: Uint8Array;
  dims: [number, number, number, number];
} {
  const { count, channels = 1, height = 28, width = 28, classes = 10, seed = 42 } = opts;
  const size = channels * height * width;
  const t = createRng(seed ^ 0x7e3a);
  const templates = Array.from({ length: classes }, () => Float32Array.from({ length: size }, () => t()));
  const u = createRng(seed);
  const features = new Float32Array(count * size);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const k = Math.floor(u() * classes);
    labels[n] = k;
    const tpl = templates[k]!;
    for (let p = 0; p < size; p++) features[n * size + p] = 0.5 * tpl[p]! + 0.5 * u();
  }
  return { features, labels, dims: [count, channels, height, width] };
}

/** Slice grammar: `<count>` (1x28x28) or `<count>x<channels>x<height>x<width>`, e.g. 1000x3x32x32. */
export function parseImageSlice(slice: string): SyntheticImageOptions {
  const parts = slice.split('x');
  const count = parseCount(parts[0] ?? '');
  const dims = parts.slice(1).map(Number);
  if (!count || !(parts.length === 1 || (parts.length === 4 && dims.every((d) => Number.isInteger(d) && d > 0)))) {
    throw new UsageError(
      'E_DATASET',
      `${SYNTHETIC_IMAGE_ID}: slice "${slice}" is not <count> or <count>x<channels>x<height>x<width> (e.g. 1000x3x32x32).`,
    );
  }
  return parts.length === 1 ? { count } : { count, channels: dims[0], height: dims[1], width: dims[2] };
}

/** The synthetic-image Dataset. `meta.dims` is [count, channels, height, width]. */
export function syntheticImageDataset(): Dataset {
  return {
    id: SYNTHETIC_IMAGE_ID,
    load: async (slice): Promise<LoadedSlice> => {
      const { features, labels, dims } = syntheticImages(parseImageSlice(slice));
      const columns = dims[1] * dims[2] * dims[3];
      return {
        features,
        labels,
        rows: dims[0],
        columns,
        meta: {
          id: SYNTHETIC_IMAGE_ID,
          rows: dims[0],
          columns: [`pixels ${dims.slice(1).join('x')}`],
          checksum: arraysChecksum(features, labels),
          source: { package: 'mlbench', version: 'synthetic-1' },
          slice,
          dims,
        },
      };
    },
  };
}
