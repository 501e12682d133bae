/**
 * The Session shared by every tfjs flavour (tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow,
 * tfjs-node-gpu:cuda): builds the forward from the model's architecture description on the
 * current backend, or loads a user's model.json (layers or graph model) from disk through a tfjs
 * IO handler; converts harness tensors to and from tfjs tensors, and counts leaked tensors
 * (tf.memory().numTensors after dispose minus before load).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { RuntimeError, UsageError } from '../errors.js';
import type { DType, Feeds, ModelArtifact, Session, Tensor, TypedArray } from '../types.js';
import type { ResolvedArch } from '../arch.js';
import { buildTfjsForward, type TfModule } from './tfjs-forward.js';
import { profileTfjs } from './op-profile.js';
import { summarisePhases } from './gpu-phases.js';

/** A tfjs session; `leakedTensors()` is meaningful after dispose(). */
export interface TfjsSession extends Session {
  leakedTensors(): number;
}

/**
 * How a query's outputs come back: `sync` (dataSync, the cpu/wasm/tfjs-node backends), `async`
 * (await data(): a GPU backend in Node, whose dataSync needs OffscreenCanvas), or `device` (the
 * outputs stay on the GPU; the query ends when the GPU queue has completed the work, and the
 * returned tensor has dims only, with an empty data array).
 */
export type TfjsReadback = 'sync' | 'async' | 'device';

/**
 * Builds a tfjs session for `model` on the backend already selected in `tf`. All weight upload
 * happens here (session creation), none on the first run.
 */
export async function createTfjsSession(
  tf: TfModule,
  model: ModelArtifact,
  runtimeId: string,
  readback: TfjsReadback = 'sync',
): Promise<TfjsSession> {
  if (model.tfjs) return createTfjsFileSession(tf, model, runtimeId, readback);
  if (model.transformer)
    return (await import('./tfjs-transformer.js')).createTfjsTransformerSession(tf, model, runtimeId);
  if (!model.arch) {
    throw new RuntimeError(
      `${runtimeId} runs zoo and trained models and TensorFlow.js model.json files; model ${model.name} is an ONNX file, so run it on an ONNX runtime (ort-node, ort-web)`,
    );
  }
  const before = tf.memory().numTensors;
  const forward = buildTfjsForward(tf, model.arch as ResolvedArch);
  let leaked = 0;
  // readback 'device': the first query still reads its outputs back, so parity is checked on them.
  let runs = 0;
  const session: TfjsSession = {
    async run(feeds) {
      const spec = model.inputs[0]!;
      const feed = feeds[spec.name];
      if (!feed) throw new RuntimeError(`${runtimeId}: missing input "${spec.name}"`);
      // tf.tensor keeps the typed array as the backing store on cpu and copies once into wasm memory.
      const x = tf.tensor(feed.data as Float32Array, feed.dims, 'float32');
      try {
        const y = forward.predict(x);
        try {
          const data = await readOutput(tf, y, readback === 'device' && runs++ === 0 ? 'async' : readback);
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
    // --profile-ops: the same forward under tf.profile (op-profile.ts).
    profileOps: (feeds) => profileTfjs(tf as never, (q) => session.run(feeds[q % feeds.length]!)),
  };
  // A GPU backend (async or device readback): upload, dispatch and readback timed apart.
  if (readback !== 'sync') {
    session.gpuPhases = async (feeds) => {
      const spec = model.inputs[0]!;
      const perQuery = [];
      for (const f of feeds) {
        const feed = f[spec.name]!;
        let t0 = performance.now();
        const x = tf.tensor(feed.data as Float32Array, feed.dims, 'float32');
        try {
          await untilQueueDone(tf, x);
          const uploadMs = performance.now() - t0;
          t0 = performance.now();
          const y = forward.predict(x);
          try {
            await untilQueueDone(tf);
            const dispatchMs = performance.now() - t0;
            t0 = performance.now();
            await y.data();
            perQuery.push({ uploadMs, dispatchMs, readbackMs: performance.now() - t0 });
          } finally {
            y.dispose();
          }
        } finally {
          x.dispose();
        }
      }
      return summarisePhases(
        'tfjs-backend-webgpu: uploadToGPU + queue done / predict + queue done / await data()',
        perQuery,
      );
    };
  }
  return session;
}

/** Submits the backend's pending work (after uploading `upload`'s data, when given) and waits until the GPU queue has done it. */
async function untilQueueDone(tf: TfModule, upload?: tfTypes.Tensor): Promise<void> {
  const backend = tf.backend() as unknown as {
    uploadToGPU?(dataId: object): void;
    submitQueue?(): void;
    device?: { queue: { onSubmittedWorkDone(): Promise<void> } };
  };
  if (!backend.device) throw new Error(`backend ${tf.getBackend()} has no GPU queue to wait on`);
  if (upload) backend.uploadToGPU?.(upload.dataId);
  backend.submitQueue?.();
  await backend.device.queue.onSubmittedWorkDone();
}

/** One output's values by the session's readback mode (an empty array when they stay on the device). */
async function readOutput(tf: TfModule, y: tfTypes.Tensor, readback: TfjsReadback): Promise<TypedArray> {
  if (readback === 'sync') return y.dataSync() as TypedArray;
  if (readback === 'async') return (await y.data()) as TypedArray;
  // Outputs left on the GPU: wait until the queue has done the work (tfjs-backend-webgpu submits
  // on ready; a zero-size readback would still copy), then hand back no values.
  const backend = tf.backend() as unknown as {
    submitQueue?(): void;
    device?: { queue: { onSubmittedWorkDone(): Promise<void> } };
  };
  backend.submitQueue?.();
  await backend.device?.queue.onSubmittedWorkDone();
  return new Float32Array(0);
}

/** The tfjs dtype a harness dtype is computed in (tfjs has no int64, float64 or float16). */
function tfDtype(dtype: DType): 'float32' | 'int32' | 'bool' | 'string' {
  if (dtype === 'bool' || dtype === 'string') return dtype;
  return dtype.startsWith('int') || dtype === 'uint8' ? 'int32' : 'float32';
}

/** A user's model.json (layers or graph model) loaded from disk onto the current backend. */
async function createTfjsFileSession(
  tf: TfModule,
  model: ModelArtifact,
  runtimeId: string,
  readback: TfjsReadback,
): Promise<TfjsSession> {
  const { path: file, format } = model.tfjs!;
  const before = tf.memory().numTensors;
  let layers: tfTypes.LayersModel | undefined;
  let graph: tfTypes.GraphModel | undefined;
  try {
    if (format === 'layers-model') layers = await tf.loadLayersModel(fileIOHandler(tf, file));
    else graph = await tf.loadGraphModel(fileIOHandler(tf, file));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new RuntimeError(`${runtimeId} cannot load model ${file}: ${(err as Error).message}`, { cause: err });
  }
  const outputNames = model.outputs.length ? model.outputs.map((o) => o.name) : graph!.outputs.map((o) => o.name);
  // Graph models with control flow or dynamic shapes only run through executeAsync.
  let executeAsync = false;
  let leaked = 0;
  let runs = 0;
  const forward = async (xs: tfTypes.Tensor[]): Promise<tfTypes.Tensor[]> => {
    if (layers) {
      const y = layers.predict(xs.length === 1 ? xs[0]! : xs);
      return Array.isArray(y) ? y : [y];
    }
    const named = Object.fromEntries(model.inputs.map((spec, i) => [spec.name, xs[i]!]));
    if (!executeAsync) {
      try {
        const y = graph!.execute(named, outputNames);
        return Array.isArray(y) ? y : [y];
      } catch (err) {
        if (!/executeAsync/.test((err as Error).message)) throw err;
        executeAsync = true;
      }
    }
    const y = await graph!.executeAsync(named, outputNames);
    return Array.isArray(y) ? y : [y];
  };
  return {
    async run(feeds: Feeds) {
      const xs = model.inputs.map((spec) => {
        const feed = feeds[spec.name];
        if (!feed) throw new RuntimeError(`${runtimeId}: missing input "${spec.name}"`);
        const data = feed.data instanceof BigInt64Array ? Int32Array.from(feed.data, Number) : feed.data;
        return tf.tensor(data as Float32Array, feed.dims, tfDtype(spec.dtype));
      });
      let ys: tfTypes.Tensor[] = [];
      try {
        ys = await forward(xs);
        const out: Feeds = {};
        const mode = readback === 'device' && runs++ === 0 ? 'async' : readback;
        for (const [i, y] of ys.entries()) {
          const dtype = (y.dtype === 'complex64' ? 'float32' : y.dtype) as DType;
          out[outputNames[i] ?? `output_${i}`] = {
            dtype,
            dims: y.shape.slice(),
            data: await readOutput(tf, y, mode),
          } satisfies Tensor;
        }
        return out;
      } finally {
        tf.dispose([...xs, ...ys]);
      }
    },
    async dispose() {
      layers?.dispose();
      graph?.dispose();
      leaked = tf.memory().numTensors - before;
    },
    leakedTensors: () => leaked,
  };
}

/**
 * `model` (a tfjs model.json) run once on tfjs's cpu backend (the parity reference of tfjs
 * model files, see harness/models/parity.ts); the previous backend is restored.
 */
export async function tfjsReferenceOutputs(model: ModelArtifact, feeds: Feeds): Promise<Feeds> {
  const { importTfjs, selectBackend } = await import('./tfjs.js');
  const tf = await importTfjs('cpu');
  const previous = tf.getBackend();
  await selectBackend(tf, 'cpu');
  const session = await createTfjsSession(tf, model, 'tfjs:cpu');
  try {
    const out = await session.run(feeds);
    return Object.fromEntries(
      Object.entries(out).map(([k, t]) => [k, { ...t, dims: [...t.dims], data: t.data.slice() } as Tensor]),
    );
  } finally {
    await session.dispose();
    if (previous && previous !== 'cpu') await tf.setBackend(previous);
  }
}

/** A tfjs IO handler that loads `modelJsonPath` and its weight shards from disk. */
export function fileIOHandler(tf: TfModule, modelJsonPath: string): tfTypes.io.IOHandler {
  const dir = path.dirname(modelJsonPath);
  return {
    async load() {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tfTypes.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const shards = await Promise.all(
          manifest
            .flatMap((group) => group.paths)
            .map(async (p) => {
              try {
                return new Uint8Array(await readFile(path.resolve(dir, decodeURIComponent(p))));
              } catch (err) {
                throw new UsageError(
                  'E_BAD_MODEL',
                  `${modelJsonPath}: weight shard "${p}" cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); it must sit next to model.json.`,
                );
              }
            }),
        );
        const all = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
        let at = 0;
        for (const s of shards) {
          all.set(s, at);
          at += s.length;
        }
        return [specs, all.buffer];
      });
    },
  };
}
