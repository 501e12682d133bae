/**
 * A trainable tfjs model for a sequential architecture description (dense, conv2d, maxPool2d,
 * flatten), used by the vision workloads. Variables start from the description's seeded weights
 * (harness/models/weights.ts) and are trained with Adam on the softmax cross-entropy of the
 * logits (the final softmax is folded into the loss). The forward follows the conventions of
 * harness/runtimes/tfjs-forward.ts (NCHW in, NHWC inside, TensorFlow `same` padding), and the
 * trained weights export unchanged through the model zoo's writer. Convolution and pooling are
 * written with ops every backend can differentiate (see convAsMatMul and maxPool).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { UsageError } from '../errors.js';
import type { ArchDescription, LayerSpec, ResolvedArch } from '../arch.js';
import type { TfModule } from '../runtimes/tfjs-forward.js';
import { resolveArch } from '../models/weights.js';

type T = tfTypes.Tensor;

export interface SequentialModel {
  /** One Adam step on a batch: x NCHW [n, C, H, W] (or [n, F]), labels class ids. */
  step(x: Float32Array, n: number, labels: Int32Array): void;
  /**
   * Waits for every queued step: reads the output bias (a few bytes), which the last step wrote.
   * On asynchronous backends (GPU) steps only enqueue work, so an epoch's time needs this.
   */
  sync(): void;
  /** Class probabilities [n x classes] for `n` samples, in batches. */
  predict(x: Float32Array, n: number, batchSize: number): Float32Array;
  resolved(): ResolvedArch;
  dispose(): void;
}

const SUPPORTED = new Set<LayerSpec['type']>(['dense', 'conv2d', 'maxPool2d', 'flatten']);

/** Builds variables and the optimiser for `description` on the current tfjs backend. */
export function createSequentialModel(
  tf: TfModule,
  description: ArchDescription,
  learningRate: number,
): SequentialModel {
  description.layers.forEach((layer, i) => {
    if (!SUPPORTED.has(layer.type)) {
      throw new UsageError(
        'E_BAD_MODEL',
        `model ${description.name}: layer ${i} (${layer.type}) cannot be trained here. Trainable layers: ${[...SUPPORTED].join(', ')}`,
      );
    }
  });
  const { arch } = resolveArch(description);
  const vars = new Map<string, { kernel: tfTypes.Variable; bias: tfTypes.Variable }>();
  for (const [path, w] of arch.weights)
    vars.set(
      path,
      tf.tidy(() => ({
        kernel: tf.variable(tf.tensor(w.kernel, w.kernelDims)),
        bias: tf.variable(tf.tensor1d(w.bias)),
      })),
    );
  const optimizer = tf.train.adam(learningRate);
  const sampleDims = description.input.dims;
  const classes = (description.layers.at(-1) as { units: number }).units;

  /**
   * Convolution as patches x kernel (im2col from kh*kw slices, then one matMul). The same
   * function as tf.conv2d, written this way because tfjs-backend-wasm has no
   * Conv2DBackpropFilter kernel (conv2d cannot train there) and because tfjs:cpu's conv
   * gradients are far slower than its matMul. Stride 1 only (what LeNet uses).
   */
  const convAsMatMul = (
    x: tfTypes.Tensor4D,
    kernel: tfTypes.Tensor4D,
    stride: number,
    padding: 'same' | 'valid',
  ): T => {
    if (stride !== 1) return tf.conv2d(x, kernel, [stride, stride], padding);
    const [kh, kw, cin, cout] = kernel.shape;
    const [n, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    const [ph, pw] = padding === 'same' ? [kh - 1, kw - 1] : [0, 0];
    const padded =
      ph + pw > 0
        ? tf.pad(x, [
            [0, 0],
            [Math.floor(ph / 2), ph - Math.floor(ph / 2)],
            [Math.floor(pw / 2), pw - Math.floor(pw / 2)],
            [0, 0],
          ])
        : x;
    const [oh, ow] = [h + ph - kh + 1, w + pw - kw + 1];
    const patches: T[] = [];
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++) patches.push(tf.slice(padded, [0, i, j, 0], [n, oh, ow, cin]));
    const cols = tf.reshape(tf.concat(patches, 3), [n * oh * ow, kh * kw * cin]);
    return tf.reshape(
      tf.matMul(cols as tfTypes.Tensor2D, tf.reshape(kernel, [kh * kw * cin, cout]) as tfTypes.Tensor2D),
      [n, oh, ow, cout],
    );
  };
  /** 2x2/2 max pooling as reshapes and max reductions (wasm has no MaxPoolGrad kernel). */
  const maxPool = (x: tfTypes.Tensor4D, size: number, stride: number, padding: 'same' | 'valid'): T => {
    const [n, h, w, c] = x.shape;
    if (size !== 2 || stride !== 2 || padding !== 'valid' || h % 2 !== 0 || w % 2 !== 0)
      return tf.maxPool(x, [size, size], [stride, stride], padding);
    const rows = tf.max(tf.reshape(x, [n, h / 2, 2, w * c]), 2);
    return tf.reshape(tf.max(tf.reshape(rows, [n * (h / 2) * (w / 2), 2, c]), 1), [n, h / 2, w / 2, c]);
  };

  const logits = (input: T): T => {
    let x = input.rank === 4 ? tf.transpose(input, [0, 2, 3, 1]) : input;
    description.layers.forEach((layer, i) => {
      const last = i === description.layers.length - 1;
      const v = vars.get(String(i));
      switch (layer.type) {
        case 'dense':
          x = tf.add(tf.matMul(x as tfTypes.Tensor2D, v!.kernel as tfTypes.Tensor2D), v!.bias);
          if (!last && layer.activation === 'relu') x = tf.relu(x);
          break;
        case 'conv2d':
          x = tf.add(
            convAsMatMul(
              x as tfTypes.Tensor4D,
              v!.kernel as tfTypes.Tensor4D,
              layer.stride ?? 1,
              layer.padding ?? 'same',
            ),
            v!.bias,
          );
          if (layer.activation === 'relu') x = tf.relu(x);
          break;
        case 'maxPool2d':
          x = maxPool(x as tfTypes.Tensor4D, layer.size, layer.stride ?? layer.size, layer.padding ?? 'valid');
          break;
        case 'flatten': {
          const src = x.rank === 4 && (layer.order ?? 'chw') === 'chw' ? tf.transpose(x, [0, 3, 1, 2]) : x;
          x = tf.reshape(src, [x.shape[0]!, -1]);
          break;
        }
        default:
          break;
      }
    });
    return x;
  };
  const batchTensor = (x: Float32Array, n: number) =>
    tf.tensor(x.subarray(0, n * sampleDims.reduce((a, b) => a * b, 1)), [n, ...sampleDims]);

  return {
    step(x, n, labels) {
      tf.tidy(() => {
        const input = batchTensor(x, n);
        const y = tf.oneHot(tf.tensor1d(labels.subarray(0, n), 'int32'), classes);
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(input)) as tfTypes.Scalar);
      });
    },
    sync() {
      [...vars.values()].at(-1)?.bias.dataSync();
    },
    predict(x, n, batchSize) {
      const per = sampleDims.reduce((a, b) => a * b, 1);
      const out = new Float32Array(n * classes);
      for (let s = 0; s < n; s += batchSize) {
        const m = Math.min(n, s + batchSize) - s;
        const p = tf.tidy(() => tf.softmax(logits(batchTensor(x.subarray(s * per), m))));
        out.set(p.dataSync() as Float32Array, s * classes);
        p.dispose();
      }
      return out;
    },
    resolved() {
      const weights = new Map(arch.weights);
      for (const [path, v] of vars) {
        weights.set(path, {
          kernel: Float32Array.from(v.kernel.dataSync() as Float32Array),
          kernelDims: v.kernel.shape.slice(),
          bias: Float32Array.from(v.bias.dataSync() as Float32Array),
        });
      }
      return { description: arch.description, weights };
    },
    dispose() {
      for (const v of vars.values()) {
        v.kernel.dispose();
        v.bias.dispose();
      }
      optimizer.dispose();
    },
  };
}
