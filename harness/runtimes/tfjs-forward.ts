/**
 * Resolved architecture -> a tfjs forward function with the same weights as the ONNX export.
 * The tfjs module is passed in (`@tensorflow/tfjs`, `@tensorflow/tfjs-node`, or a test double),
 * so this file loads nothing heavy itself.
 *
 * Inputs arrive NCHW (the description's convention) and are transposed once to NHWC, tfjs's
 * native layout; `flatten` with order `chw` transposes back so the dense weights see the same
 * order as ONNX Flatten. Conv and dense layers use tfjs's fused ops (bias + relu in one kernel),
 * which every tfjs backend implements, so the comparison between runtimes is like for like.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Activation, LayerSpec, ResolvedArch } from '../arch.js';

/** The tfjs API surface the forward uses (the @tensorflow/tfjs namespace or a compatible one). */
export type TfModule = typeof tfTypes;
type T = tfTypes.Tensor;

/** A model ready to run on the current tfjs backend. */
export interface TfjsForward {
  /** Runs one batch; the caller disposes the result. Intermediates are freed (tf.tidy). */
  predict(x: T): T;
  /** Frees the weight tensors. */
  dispose(): void;
  /** Number of weight tensors held. */
  readonly weightTensors: number;
}

interface TfWeights {
  kernel: T;
  bias: T;
}

function fusedActivation(act: Activation | undefined): 'relu' | 'sigmoid' | 'linear' {
  return act === 'relu' ? 'relu' : act === 'sigmoid' ? 'sigmoid' : 'linear';
}

/** Builds the weight tensors on the current backend and returns the forward function. */
export function buildTfjsForward(tf: TfModule, arch: ResolvedArch): TfjsForward {
  const weights = new Map<string, TfWeights>();
  for (const [path, w] of arch.weights) {
    weights.set(path, { kernel: tf.tensor(w.kernel, w.kernelDims, 'float32'), bias: tf.tensor1d(w.bias, 'float32') });
  }

  const after = (y: T, act: Activation | undefined): T => (act === 'softmax' ? tf.softmax(y) : y);

  const run = (layers: LayerSpec[], input: T, prefix: string): T => {
    let x = input;
    layers.forEach((layer, i) => {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      switch (layer.type) {
        case 'dense': {
          const w = weights.get(path)!;
          x = after(
            tf.fused.matMul({
              a: x as tfTypes.Tensor2D,
              b: w.kernel as tfTypes.Tensor2D,
              bias: w.bias,
              activation: fusedActivation(layer.activation),
            }),
            layer.activation,
          );
          break;
        }
        case 'conv2d':
        case 'depthwiseConv2d': {
          const w = weights.get(path)!;
          const s = layer.stride ?? 1;
          const conv = layer.type === 'conv2d' ? tf.fused.conv2d : tf.fused.depthwiseConv2d;
          x = after(
            conv({
              x: x as tfTypes.Tensor4D,
              filter: w.kernel as tfTypes.Tensor4D,
              strides: [s, s],
              pad: layer.padding ?? 'same',
              bias: w.bias,
              activation: fusedActivation(layer.activation),
            }),
            layer.activation,
          );
          break;
        }
        case 'maxPool2d': {
          const s = layer.stride ?? layer.size;
          x = tf.maxPool(x as tfTypes.Tensor4D, [layer.size, layer.size], [s, s], layer.padding ?? 'valid');
          break;
        }
        case 'globalAvgPool':
          x = tf.mean(x, [1, 2]);
          break;
        case 'flatten': {
          const src = x.rank === 4 && (layer.order ?? 'chw') === 'chw' ? tf.transpose(x, [0, 3, 1, 2]) : x;
          x = tf.reshape(src, [x.shape[0]!, -1]);
          break;
        }
        case 'residual': {
          const body = run(layer.body, x, `${path}.body`);
          const short = layer.shortcut && layer.shortcut.length > 0 ? run(layer.shortcut, x, `${path}.shortcut`) : x;
          const sum = tf.add(body, short);
          x =
            layer.activation === 'relu'
              ? tf.relu(sum)
              : layer.activation === 'sigmoid'
                ? tf.sigmoid(sum)
                : after(sum, layer.activation);
          break;
        }
      }
    });
    return x;
  };

  return {
    predict(x: T): T {
      return tf.tidy(() => run(arch.description.layers, x.rank === 4 ? tf.transpose(x, [0, 2, 3, 1]) : x, ''));
    },
    dispose() {
      for (const w of weights.values()) {
        w.kernel.dispose();
        w.bias.dispose();
      }
      weights.clear();
    },
    weightTensors: weights.size * 2,
  };
}
