/**
 * Logistic regression and MLP on an encoded tabular split, trained with tfjs. The model is a
 * stack of dense layers over the linear-model layout (standardised numerics, then one one-hot
 * block per categorical column), so it exports unchanged through the model zoo's writer.
 * The one-hot input is never materialised for a whole slice (1M x 600 float32 is 2.4 GB):
 * - `onehot`: a dense one-hot block per batch times the first kernel. Every backend runs it,
 *   including tfjs-backend-wasm, which lacks UnsortedSegmentSum (the gradient of gather).
 * - `gather`: the first layer as numeric x kernel rows + a sum of gathered kernel rows per
 *   categorical id. Mathematically the same layer (same weights, same gradients), and far
 *   cheaper (batch x nCategorical rows read instead of batch x width multiply-adds). tfjs's own
 *   gradient of gather needs UnsortedSegmentSum, which tfjs-backend-wasm lacks, so the gradient
 *   is given here as a ScatterNd of the rows' gradients (duplicates add), which wasm has.
 * Initial weights come from the architecture description's seed (harness/models/weights.ts).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { ARCH_FORMAT, ARCH_VERSION, type ArchDescription, type LayerSpec, type ResolvedArch } from '../arch.js';
import type { TfModule } from '../runtimes/tfjs-forward.js';
import { resolveArch } from '../models/weights.js';
import { oneHotRows } from '../../datasets/tabular/encode.js';
import type { EncodedSlice, TabularEncoding } from '../../datasets/tabular/types.js';

export type Formulation = 'onehot' | 'gather';

/** A layer's trainable kernel [in, out] and bias [out]. */
interface DenseVars {
  kernel: tfTypes.Variable;
  bias: tfTypes.Variable;
}

/** Description of LR (no hidden layers) or an MLP (relu hidden layers), sigmoid output. */
export function tabularDescription(
  name: string,
  width: number,
  hidden: number[],
  seed: number,
  meta: Record<string, unknown> = {},
): ArchDescription {
  const layers: LayerSpec[] = [
    ...hidden.map((units): LayerSpec => ({ type: 'dense', units, activation: 'relu' })),
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ];
  return {
    format: ARCH_FORMAT,
    version: ARCH_VERSION,
    name,
    seed,
    input: { name: 'input', dims: [width] },
    output: { name: 'output' },
    layers,
    meta,
  };
}

/** A trainable tabular model on one tfjs backend. */
export interface TabularModel {
  /** One optimiser step on rows [start, end) of `slice` (in `order`); returns nothing (no sync). */
  step(slice: EncodedSlice, order: Uint32Array, start: number, end: number): void;
  /**
   * Waits for every queued step: reads the output bias (a few bytes), which the last step wrote.
   * On asynchronous backends (GPU) steps only enqueue work, so an epoch's time needs this.
   */
  sync(): void;
  /** P(label = 1) for every row of `slice`, in batches of `batchSize`. */
  predict(slice: EncodedSlice, batchSize: number): Float32Array;
  /** The description with the trained weights, ready for withExplicitWeights. */
  resolved(): ResolvedArch;
  /** Sets the optimiser's learning rate for the next steps (a schedule). */
  setLearningRate(rate: number): void;
  formulation: Formulation;
  dispose(): void;
}

export interface TabularModelOptions {
  tf: TfModule;
  description: ArchDescription;
  encoding: TabularEncoding;
  formulation: Formulation;
  learningRate: number;
}

/** Builds the variables from the description's seeded weights and an Adam optimiser. */
export function createTabularModel(opts: TabularModelOptions): TabularModel {
  const { tf, encoding, formulation } = opts;
  const { arch } = resolveArch(opts.description);
  const nLayers = opts.description.layers.length;
  const vars: DenseVars[] = [];
  for (let i = 0; i < nLayers; i++) {
    const w = arch.weights.get(String(i))!;
    // tidy frees the initial-value tensors; the variables survive it.
    vars.push(
      tf.tidy(() => ({
        kernel: tf.variable(tf.tensor2d(w.kernel, w.kernelDims as [number, number])),
        bias: tf.variable(tf.tensor1d(w.bias)),
      })),
    );
  }
  const optimizer = tf.train.adam(opts.learningRate);
  // Rows of the first kernel gathered per categorical id (ids [n, 1]); the gradient scatters
  // (adds) back. GatherNd, not GatherV2: on tfjs-backend-wasm it measured ~20x faster here.
  const embed = tf.customGrad(((
    kernel: tfTypes.Tensor2D,
    ids: tfTypes.Tensor2D,
    save: (t: tfTypes.Tensor[]) => void,
  ) => {
    save([ids]);
    return {
      value: tf.gatherND(kernel, ids),
      gradFunc: (dy: tfTypes.Tensor2D, saved: tfTypes.Tensor[]) => [
        tf.scatterND(saved[0]!, dy, kernel.shape),
        tf.zerosLike(saved[0]!),
      ],
    };
  }) as unknown as Parameters<TfModule['customGrad']>[0]) as unknown as (
    kernel: tfTypes.Tensor2D,
    ids: tfTypes.Tensor2D,
  ) => tfTypes.Tensor2D;
  const nNum = encoding.numeric.length;
  const nCat = encoding.categorical.length;
  const width = encoding.oneHotWidth;
  const offsets = Int32Array.from(encoding.categorical, (c) => c.oneHotOffset);

  /** Batch inputs for rows order[start..end) (or start..end when order is null). */
  const gatherRows = (slice: EncodedSlice, order: Uint32Array | null, start: number, end: number) => {
    const n = end - start;
    const num = new Float32Array(n * nNum);
    const ids = new Int32Array(n * nCat);
    const labels = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      const row = order ? order[start + r]! : start + r;
      for (let c = 0; c < nNum; c++) num[r * nNum + c] = slice.numeric[row * nNum + c]!;
      for (let c = 0; c < nCat; c++) ids[r * nCat + c] = offsets[c]! + slice.categorical[row * nCat + c]!;
      labels[r] = slice.labels[row]!;
    }
    return { n, num, ids, labels };
  };

  const dense = (rows: { n: number; num: Float32Array; ids: Int32Array }) => {
    const out = new Float32Array(rows.n * width);
    for (let r = 0; r < rows.n; r++) {
      out.set(rows.num.subarray(r * nNum, (r + 1) * nNum), r * width);
      for (let c = 0; c < nCat; c++) out[r * width + rows.ids[r * nCat + c]!] = 1;
    }
    return out;
  };

  /** Logits [n, 1] of a batch. */
  const logits = (rows: { n: number; num: Float32Array; ids: Int32Array }): tfTypes.Tensor2D => {
    const first = vars[0]!;
    const units = first.kernel.shape[1]!;
    let h: tfTypes.Tensor2D;
    if (formulation === 'onehot') {
      h = tf.tensor2d(dense(rows), [rows.n, width]).matMul(first.kernel).add(first.bias);
    } else {
      const numPart = tf
        .tensor2d(rows.num, [rows.n, nNum])
        .matMul(first.kernel.slice([0, 0], [nNum, units]) as tfTypes.Tensor2D);
      const catPart = embed(first.kernel as tfTypes.Tensor2D, tf.tensor2d(rows.ids, [rows.ids.length, 1], 'int32'))
        .reshape([rows.n, nCat, units])
        .sum(1) as tfTypes.Tensor2D;
      h = numPart.add(catPart).add(first.bias);
    }
    for (let i = 1; i < vars.length; i++) h = tf.relu(h).matMul(vars[i]!.kernel).add(vars[i]!.bias);
    return h;
  };

  return {
    formulation,
    setLearningRate(rate) {
      (optimizer as unknown as { learningRate: number }).learningRate = rate;
    },
    step(slice, order, start, end) {
      const rows = gatherRows(slice, order, start, end);
      tf.tidy(() => {
        const y = tf.tensor2d(rows.labels, [rows.n, 1]);
        optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, logits(rows)) as tfTypes.Scalar);
      });
    },
    sync() {
      vars[vars.length - 1]!.bias.dataSync();
    },
    predict(slice, batchSize) {
      const out = new Float32Array(slice.rows);
      for (let start = 0; start < slice.rows; start += batchSize) {
        const end = Math.min(slice.rows, start + batchSize);
        const rows = gatherRows(slice, null, start, end);
        const p = tf.tidy(() => tf.sigmoid(logits(rows)));
        out.set(p.dataSync() as Float32Array, start);
        p.dispose();
      }
      return out;
    },
    resolved() {
      const weights = new Map(arch.weights);
      vars.forEach((v, i) => {
        const kernel = v.kernel.dataSync() as Float32Array;
        weights.set(String(i), {
          kernel: Float32Array.from(kernel),
          kernelDims: v.kernel.shape.slice(),
          bias: Float32Array.from(v.bias.dataSync() as Float32Array),
        });
      });
      return { description: arch.description, weights };
    },
    dispose() {
      for (const v of vars) {
        v.kernel.dispose();
        v.bias.dispose();
      }
      optimizer.dispose();
    },
  };
}

/** Dense one-hot rows of a slice for serving (the exported model's input layout). */
export function servingRows(
  slice: EncodedSlice,
  encoding: TabularEncoding,
  start: number,
  end: number,
  out?: Float32Array,
): Float32Array {
  return oneHotRows(slice, encoding, start, end, out);
}
