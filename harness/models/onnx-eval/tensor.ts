/**
 * The float64 evaluator's tensor: every element type held as float64 values (integers exactly up
 * to 2^53), with its ONNX element type kept so integer ops (Div, Cast) follow the type. Decodes
 * TensorProto initializers (raw_data, typed fields, external data files) and converts to and from
 * the runtime-neutral Tensor. Pure except for reading an initializer's external data file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type onnxProto from 'onnx-proto';
import { float16ToNumber, bfloat16ToNumber } from '../../inputs/half-float.js';
import type { DType, Tensor } from '../../types.js';

/** ONNX TensorProto.DataType codes used here. */
export const ElemType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

export interface EvalTensor {
  /** ONNX TensorProto.DataType. */
  type: number;
  dims: number[];
  data: Float64Array;
}

export const sizeOf = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
export const isFloatType = (type: number): boolean =>
  type === ElemType.FLOAT || type === ElemType.DOUBLE || type === ElemType.FLOAT16 || type === ElemType.BFLOAT16;

export function tensor(type: number, dims: number[], data: Float64Array | number[]): EvalTensor {
  return { type, dims: [...dims], data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

/** Row-major strides of `dims`. */
export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  return s;
}

/** Normalises a possibly negative axis against `rank`. */
export const axisOf = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

function fromBytes(type: number, bytes: Uint8Array, count: number): Float64Array {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const view = new DataView(buf);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    switch (type) {
      case ElemType.FLOAT:
        out[i] = view.getFloat32(i * 4, true);
        break;
      case ElemType.DOUBLE:
        out[i] = view.getFloat64(i * 8, true);
        break;
      case ElemType.UINT8:
      case ElemType.BOOL:
        out[i] = view.getUint8(i);
        break;
      case ElemType.INT8:
        out[i] = view.getInt8(i);
        break;
      case ElemType.UINT16:
        out[i] = view.getUint16(i * 2, true);
        break;
      case ElemType.INT16:
        out[i] = view.getInt16(i * 2, true);
        break;
      case ElemType.INT32:
        out[i] = view.getInt32(i * 4, true);
        break;
      case ElemType.UINT32:
        out[i] = view.getUint32(i * 4, true);
        break;
      case ElemType.INT64:
        out[i] = Number(view.getBigInt64(i * 8, true));
        break;
      case ElemType.UINT64:
        out[i] = Number(view.getBigUint64(i * 8, true));
        break;
      case ElemType.FLOAT16:
        out[i] = float16ToNumber(view.getUint16(i * 2, true));
        break;
      case ElemType.BFLOAT16:
        out[i] = bfloat16ToNumber(view.getUint16(i * 2, true));
        break;
      default:
        throw new Error(`element type ${type} is not evaluated`);
    }
  }
  return out;
}

/**
 * `length` bytes (to the end of the file when undefined) at `offset` of an external data file,
 * read on their own: each initializer costs its own bytes, not the whole file, and a file past
 * Node's 2 GiB readFile limit (LLM weights) still serves every initializer below that size.
 * Throws naming the file when it ends before the entry does.
 */
export function readExternalData(file: string, offset: number, length: number | undefined): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const n = length ?? fstatSync(fd).size - offset;
    const bytes = new Uint8Array(n);
    for (let done = 0; done < n;) {
      const read = readSync(fd, bytes, done, n - done, offset + done);
      if (read === 0)
        throw new Error(
          `${file}: external data ends at byte ${offset + done}, inside the entry at offset ${offset} of ${n} bytes`,
        );
      done += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Decodes an initializer or Constant value; `modelDir` resolves external data locations. */
export function fromTensorProto(t: onnxProto.onnx.ITensorProto, modelDir: string | undefined): EvalTensor {
  const type = Number(t.dataType ?? 0);
  const dims = (t.dims ?? []).map(Number);
  const count = sizeOf(dims);
  if (type === ElemType.STRING) throw new Error(`string tensor "${t.name ?? ''}" is not evaluated`);
  if (Number(t.dataLocation ?? 0) === 1) {
    const entry = (key: string) => (t.externalData ?? []).find((e) => e.key === key)?.value;
    if (!modelDir)
      throw new Error(`initializer "${t.name ?? ''}" lives in external data, but the model's folder is unknown`);
    const length = entry('length');
    const bytes = readExternalData(
      path.join(modelDir, entry('location') ?? ''),
      Number(entry('offset') ?? 0),
      length === undefined ? undefined : Number(length),
    );
    return { type, dims, data: fromBytes(type, bytes, count) };
  }
  if (t.rawData && t.rawData.length > 0) return { type, dims, data: fromBytes(type, t.rawData, count) };
  // Typed fields: float_data (float), double_data, int64_data, int32_data (every small int, bool and
  // the 16-bit floats' bit patterns), uint64_data.
  let values: number[];
  if (type === ElemType.FLOAT) values = (t.floatData ?? []).map(Number);
  else if (type === ElemType.DOUBLE) values = (t.doubleData ?? []).map(Number);
  else if (type === ElemType.INT64) values = (t.int64Data ?? []).map(Number);
  else if (type === ElemType.UINT32 || type === ElemType.UINT64) values = (t.uint64Data ?? []).map(Number);
  else if (type === ElemType.FLOAT16) values = (t.int32Data ?? []).map((b) => float16ToNumber(Number(b)));
  else if (type === ElemType.BFLOAT16) values = (t.int32Data ?? []).map((b) => bfloat16ToNumber(Number(b)));
  else values = (t.int32Data ?? []).map(Number);
  if (values.length === 1 && count !== 1) throw new Error(`tensor "${t.name ?? ''}" has 1 value for ${count} elements`);
  return { type, dims, data: Float64Array.from(values.length ? values : new Array<number>(count).fill(0)) };
}

const DTYPE_TO_ELEM: Record<DType, number> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  float64: 11,
  bfloat16: 16,
};

/** A feed (runtime-neutral Tensor) as an EvalTensor. */
export function fromTensor(t: Tensor): EvalTensor {
  if (t.dtype === 'string') throw new Error('string inputs are not evaluated');
  const type = DTYPE_TO_ELEM[t.dtype];
  const src = t.data as ArrayLike<number | bigint>;
  const data = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    data[i] =
      t.dtype === 'float16'
        ? float16ToNumber(Number(v))
        : t.dtype === 'bfloat16'
          ? bfloat16ToNumber(Number(v))
          : Number(v);
  }
  return { type, dims: [...t.dims], data };
}

/**
 * An EvalTensor as an output Tensor: floats (any width) as float64 values, the reference's own
 * precision; int64 as BigInt64Array, other integers and bool in their typed arrays.
 */
export function toTensor(t: EvalTensor): Tensor {
  const dims = [...t.dims];
  switch (t.type) {
    case ElemType.INT64:
      return { dtype: 'int64', dims, data: BigInt64Array.from(t.data, (v) => BigInt(v)) };
    case ElemType.INT32:
      return { dtype: 'int32', dims, data: Int32Array.from(t.data) };
    case ElemType.INT8:
      return { dtype: 'int8', dims, data: Int8Array.from(t.data) };
    case ElemType.UINT8:
      return { dtype: 'uint8', dims, data: Uint8Array.from(t.data) };
    case ElemType.BOOL:
      return { dtype: 'bool', dims, data: Uint8Array.from(t.data) };
    default:
      return { dtype: 'float64', dims, data: Float64Array.from(t.data) };
  }
}
