/**
 * A micro op as a Session on any runtime. ONNX runtimes (ort-node:*, ort-web:*) load the
 * one-node ONNX graph through their registry adapter, so session options and threads are those
 * of a zoo job. tfjs runtimes first load a tiny zoo model through their adapter (which selects
 * and initialises the backend and reports its facts: SIMD, threads), then run the op with the
 * tfjs op itself (tf.matMul, tf.conv2d, ...), because the tfjs adapter builds models from an
 * architecture description and a lone softmax or gather is not a layer there.
 */
import { RuntimeError } from '../errors.js';
import { loadTf } from '../runtimes/tfjs.js';
import { describeRuntime } from '../runtimes/index.js';
import { buildModel } from '../models/build-model.js';
import type { TfModule } from '../runtimes/tfjs-forward.js';
import type { Feeds, ResolvedSettings, Runtime, RuntimeInfo, Session, TypedArray } from '../types.js';
import { microConstant, microFeeds, microOnnxModel, type MicroLayout } from './op-graph.js';
import type { MicroOp, MicroParams } from './ops.js';

/** A ready op: its session, what the runtime reported, and the feeds of one call. */
export interface MicroSession {
  session: Session;
  info: RuntimeInfo;
  feeds: Feeds;
}

/** The layout a runtime is fed in: its family's (tfjs runtimes NHWC-style tfjs layouts, every other ONNX). */
export function layoutOf(runtimeId: string): MicroLayout {
  return describeRuntime(runtimeId)?.family === 'tfjs' ? 'tfjs' : 'onnx';
}

type T = import('@tensorflow/tfjs').Tensor;

function tfjsOpSession(tf: TfModule, op: MicroOp, p: MicroParams, seed: number): Session {
  const c = microConstant(op, p, 'tfjs', seed);
  const w = c ? tf.tensor(c.data, c.dims, 'float32') : null;
  const apply = (x: T): T => {
    switch (op.id) {
      case 'matmul':
        return tf.matMul(x as import('@tensorflow/tfjs').Tensor2D, w as import('@tensorflow/tfjs').Tensor2D);
      case 'conv2d':
        return tf.conv2d(x as import('@tensorflow/tfjs').Tensor4D, w as import('@tensorflow/tfjs').Tensor4D, 1, 'same');
      case 'depthwiseConv2d':
        return tf.depthwiseConv2d(
          x as import('@tensorflow/tfjs').Tensor4D,
          w as import('@tensorflow/tfjs').Tensor4D,
          1,
          'same',
        );
      case 'softmax':
        return tf.softmax(x);
      case 'gather':
        return tf.gather(w!, x);
    }
  };
  return {
    async run(feeds: Feeds): Promise<Feeds> {
      const [name, feed] = Object.entries(feeds)[0]!;
      const x = tf.tensor(
        feed.data as Float32Array | Int32Array,
        feed.dims,
        feed.dtype === 'int32' ? 'int32' : 'float32',
      );
      try {
        const y = apply(x);
        try {
          // Reading the values back makes the call complete on every backend, as session.run does.
          return { y: { dtype: 'float32', dims: y.shape.slice(), data: y.dataSync() as TypedArray } };
        } finally {
          y.dispose();
        }
      } catch (err) {
        throw new RuntimeError(`${op.id} on input "${name}" failed: ${(err as Error).message}`, { cause: err });
      } finally {
        x.dispose();
      }
    },
    async dispose() {
      w?.dispose();
    },
  };
}

/** Creates the op's session on `runtime` (id `runtimeId`). Runtime failures are RuntimeErrors. */
export async function createMicroSession(
  runtimeId: string,
  runtime: Runtime,
  op: MicroOp,
  p: MicroParams,
  settings: ResolvedSettings,
  seed: number,
): Promise<MicroSession> {
  const layout = layoutOf(runtimeId);
  const feeds = microFeeds(op, p, layout, seed);
  if (layout === 'onnx') {
    const { session, info } = await runtime.load(microOnnxModel(op, p, seed), settings);
    return { session, info, feeds };
  }
  const tiny = await buildModel({ kind: 'zoo', arch: 'logreg', params: { features: 2 }, seed: 1 });
  const loaded = await runtime.load(tiny, settings);
  await loaded.session.dispose();
  // The adapters' one tfjs loader: the same module instance the adapter just initialised.
  const { tf } = await loadTf(runtimeId);
  return {
    session: tfjsOpSession(tf, op, p, seed),
    info: { ...loaded.info, options: { ...loaded.info.options, backend: tf.getBackend() } },
    feeds,
  };
}
