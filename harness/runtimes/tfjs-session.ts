/**
 * The Session shared by every tfjs flavour (tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow,
 * tfjs-node-gpu:cuda): builds the forward from the model's architecture description on the
 * current backend, converts harness tensors to and from tfjs tensors, and counts leaked tensors
 * (tf.memory().numTensors after dispose minus before load).
 */
import type { ModelArtifact, Session, TypedArray } from '../types.js';
import type { ResolvedArch } from '../arch.js';
import { buildTfjsForward, type TfModule } from './tfjs-forward.js';
import { RuntimeError } from '../errors.js';

/** A tfjs session; `leakedTensors()` is meaningful after dispose(). */
export interface TfjsSession extends Session {
  leakedTensors(): number;
}

/**
 * Builds a tfjs session for `model` on the backend already selected in `tf`. All weight upload
 * happens here (session creation), none on the first run.
 */
export function createTfjsSession(tf: TfModule, model: ModelArtifact, runtimeId: string): TfjsSession {
  if (!model.arch) {
    throw new RuntimeError(`${runtimeId} runs zoo and trained models only (it builds them from their architecture description); model ${model.name} is an ONNX file, so run it on an ONNX runtime (ort-node, ort-web)`);
  }
  const before = tf.memory().numTensors;
  const forward = buildTfjsForward(tf, model.arch as ResolvedArch);
  let leaked = 0;
  return {
    async run(feeds) {
      const spec = model.inputs[0]!;
      const feed = feeds[spec.name];
      if (!feed) throw new RuntimeError(`${runtimeId}: missing input "${spec.name}"`);
      // tf.tensor keeps the typed array as the backing store on cpu and copies once into wasm memory.
      const x = tf.tensor(feed.data as Float32Array, feed.dims, 'float32');
      try {
        const y = forward.predict(x);
        try {
          const data = y.dataSync() as TypedArray;
          return { [model.outputs[0]!.name]: { dtype: 'float32', dims: y.shape.slice(), data } };
        } finally {
          y.dispose();
        }
      } finally {
        x.dispose();
      }
    },
    async dispose() {
      forward.dispose();
      leaked = tf.memory().numTensors - before;
    },
    leakedTensors: () => leaked,
  };
}
