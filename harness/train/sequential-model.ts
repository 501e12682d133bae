/**
 * A trainable tfjs model for a sequential architecture description (dense, conv2d, maxPool2d,
 * flatten), used by the vision workloads. Variables start from the description's seeded weights
 * (harness/models/weights.ts) and are trained with Adam on the softmax cross-entropy of the
 * logits (the final softmax is folded into the loss). The forward follows the conventions of
 * harness/models/tfjs-forward.ts (NCHW in, NHWC inside, TensorFlow `same` padding), and the
 * trained weights export unchanged through the model zoo's writer.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ArchDescription, LayerSpec, ResolvedArch } from '../models/arch.js';
import type { TfModule } from '../models/tfjs-forward.js';
import { resolveArch } from '../models/weights.js';

type T = tfTypes.Tensor;

export interface SequentialModel {
  /** One Adam step on a batch: x NCHW [n, C, H, W] (or [n, F]), labels class ids. */
  step(x: Float32Array, n: number, labels: Int32Array): void;
  /** Class probabilities [n x classes] for `n` samples, in batches. */
  predict(x: Float32Array, n: number, batchSize: number): Float32Array;
  resolved(): ResolvedArch;
  dispose(): void;
}

const SUPPORTED = new Set<LayerSpec['type']>(['dense', 'conv2d', 'maxPool2d', 'flatten']);

/** Builds variables and the optimiser for `description` on the current tfjs backend. */
export function createSequentialModel(tf: TfModule, description: ArchDescription, learningRate: number): SequentialModel {
  for (const layer of description.layers) {
    if (!SUPPORTED.has(layer.type)) throw new Error(`training supports ${[...SUPPORTED].join(', ')} layers; ${description.name} has ${layer.type}`);
  }
  const { arch } = resolveArch(description);
  const vars = new Map<string, { kernel: tfTypes.Variable; bias: tfTypes.Variable }>();
  for (const [path, w] of arch.weights) vars.set(path, tf.tidy(() => ({ kernel: tf.variable(tf.tensor(w.kernel, w.kernelDims)), bias: tf.variable(tf.tensor1d(w.bias)) })));
  const optimizer = tf.train.adam(learningRate);
  const sampleDims = description.input.dims;
  const classes = (description.layers.at(-1) as { units: number }).units;

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
        case 'conv2d': {
          const s = layer.stride ?? 1;
          x = tf.add(tf.conv2d(x as tfTypes.Tensor4D, v!.kernel as tfTypes.Tensor4D, [s, s], layer.padding ?? 'same'), v!.bias);
          if (layer.activation === 'relu') x = tf.relu(x);
          break;
        }
        case 'maxPool2d': {
          const s = layer.stride ?? layer.size;
          x = tf.maxPool(x as tfTypes.Tensor4D, [layer.size, layer.size], [s, s], layer.padding ?? 'valid');
          break;
        }
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
  const batchTensor = (x: Float32Array, n: number) => tf.tensor(x.subarray(0, n * sampleDims.reduce((a, b) => a * b, 1)), [n, ...sampleDims]);

  return {
    step(x, n, labels) {
      tf.tidy(() => {
        const input = batchTensor(x, n);
        const y = tf.oneHot(tf.tensor1d(labels.subarray(0, n), 'int32'), classes);
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(input)) as tfTypes.Scalar);
      });
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
        weights.set(path, { kernel: Float32Array.from(v.kernel.dataSync() as Float32Array), kernelDims: v.kernel.shape.slice(), bias: Float32Array.from(v.bias.dataSync() as Float32Array) });
      }
      return { description: arch.description, weights };
    },
    dispose() {
      for (const v of vars.values()) { v.kernel.dispose(); v.bias.dispose(); }
      optimizer.dispose();
    },
  };
}
