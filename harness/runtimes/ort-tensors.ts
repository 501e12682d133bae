/**
 * Conversions between the harness Tensor and onnxruntime's Tensor (shared by ort-node and
 * ort-web, which both use onnxruntime-common's Tensor). Both directions wrap the same typed
 * array: no copy on the hot path. The dtype names coincide (`float32`, `int64`, `bool`, ...).
 */
import type { DType, Feeds, Session, Tensor, TypedArray } from '../types.js';

/** The part of onnxruntime-common's Tensor class the adapters use. */
export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

export type OrtTensorCtor = new (type: string, data: TypedArray | string[], dims: readonly number[]) => OrtTensorLike;

const KNOWN: ReadonlySet<string> = new Set<DType>([
  'float32',
  'float64',
  'int32',
  'int64',
  'uint8',
  'int8',
  'bool',
  'float16',
  'string',
]);

/** Wraps harness feeds as onnxruntime tensors (same buffers). */
export function toOrtFeeds(feeds: Feeds, TensorCtor: OrtTensorCtor): Record<string, OrtTensorLike> {
  const out: Record<string, OrtTensorLike> = {};
  for (const name in feeds) {
    const t = feeds[name]!;
    out[name] = new TensorCtor(t.dtype, t.data, t.dims);
  }
  return out;
}

/** Wraps onnxruntime outputs as harness tensors (same buffers). */
export function fromOrtOutputs(outputs: Record<string, OrtTensorLike>): Feeds {
  const out: Feeds = {};
  for (const name in outputs) {
    const t = outputs[name]!;
    if (!KNOWN.has(t.type)) throw new Error(`output "${name}" has type ${t.type}, which mlbench does not handle`);
    // float16 arrives as Uint16Array in Node 20 (no Float16Array), the bit patterns harness tensors use.
    out[name] = {
      dtype: t.type as DType,
      dims: t.dims as number[],
      data: t.data as TypedArray | string[],
    } satisfies Tensor;
  }
  return out;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>, fetches?: readonly string[]): Promise<Record<string, OrtTensorLike>>;
  release(): Promise<void>;
}

/**
 * Wraps an onnxruntime session as a harness Session (shared by ort-node and ort-web). `fetches`
 * names the outputs to fetch (a model file's tensor outputs, leaving out e.g. a ZipMap); all
 * outputs when absent.
 */
export function ortSession(session: OrtSessionLike, TensorCtor: OrtTensorCtor, fetches?: readonly string[]): Session {
  return {
    async run(feeds) {
      const ortFeeds = toOrtFeeds(feeds, TensorCtor);
      return fromOrtOutputs(await (fetches ? session.run(ortFeeds, fetches) : session.run(ortFeeds)));
    },
    async dispose() {
      await session.release();
    },
  };
}
