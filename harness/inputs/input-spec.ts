/**
 * Inputs of a model file someone else wrote: what the user asked for (`--shape name=1x3x224x224`,
 * `--input name=16000`, `--input name=@values.json`, `--input name=@values.npy`,
 * `--input-range input_ids=0..30521`), and its resolution against the model's declared inputs
 * into concrete shapes, fixed values and value ranges.
 *
 * The request is plain JSON (InputsRequest): it travels in `workload.extra.inputs` to the job
 * process, which resolves it again against the same file. Symbolic dims are bound by name
 * across inputs (silero's `batch` appears in `input`, `h` and `c`); a symbolic dim nobody sets
 * is 1 when it is named like a batch dim or sits on axis 0, and an error otherwise.
 */
import { readFileSync } from 'node:fs';
import { parse as parseNpy } from 'npyjs';
import { UsageError } from '../errors.js';
import type { DType, TensorSpec } from '../types.js';

/**
 * Fixed values of one input: flat numbers (row-major) or strings (string inputs) and, when
 * given as nested arrays or a .npy file, their dims.
 */
export interface FixedValues {
  data: number[] | string[];
  dims?: number[];
}

/** What the user asked for. Every key is an input name of the model. */
export interface InputsRequest {
  shapes: Record<string, number[]>;
  values: Record<string, FixedValues>;
  /** `--input-range name=lo..hi`: generated values uniform in [lo, hi] (integers: inclusive). */
  ranges?: Record<string, [number, number]>;
}

/** One input, every dim known, maybe with fixed values or a value range. */
export interface ResolvedInput {
  name: string;
  dtype: DType;
  dims: number[];
  fixed?: number[] | string[];
  range?: [number, number];
}

const BATCH_NAMES = /^(batch|batch_size|n|N|unk__\d+|None|-1)$/i;

/** `1x3x224x224` -> [1, 3, 224, 224]; refuses anything but positive integers. */
function parseDims(text: string, flag: string): number[] {
  const parts = text.trim() === '' ? [] : text.split(/[x,]/i);
  const dims = parts.map((p) => Number(p.trim()));
  if (parts.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UsageError(
      'E_BAD_FLAG',
      `${flag}: expected name=DIMxDIMx... of positive integers, e.g. --shape input=1x3x224x224.`,
    );
  }
  return dims;
}

function splitPair(text: string, flag: string, example: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError('E_BAD_FLAG', `${flag} ${text}: expected name=value, e.g. ${example}.`);
  return [text.slice(0, eq).trim(), text.slice(eq + 1).trim()];
}

/** Parses one `--shape name=1x3x224x224`. */
export function parseShapeFlag(text: string): [string, number[]] {
  const [name, value] = splitPair(text, '--shape', '--shape input=1x3x224x224');
  return [name, parseDims(value, `--shape ${text}`)];
}

/** Parses one `--input-range name=lo..hi` (e.g. input_ids=0..30521, x=-0.5..0.5). */
export function parseRangeFlag(text: string): [string, [number, number]] {
  const [name, value] = splitPair(text, '--input-range', '--input-range input_ids=0..30521');
  const m = /^(-?[\d.eE+-]+)\.\.(-?[\d.eE+-]+)$/.exec(value);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--input-range ${text}: expected name=LOW..HIGH with LOW <= HIGH, e.g. --input-range input_ids=0..30521.`,
    );
  }
  return [name, [lo, hi]];
}

/** Flattens a JSON number, string or (nested, rectangular) array; `where` names the source in errors. */
export function valuesFromJson(value: unknown, where: string): FixedValues {
  if (typeof value === 'number' || typeof value === 'boolean') return { data: [Number(value)], dims: [] };
  if (typeof value === 'string') return { data: [value], dims: [] };
  if (value && typeof value === 'object' && !Array.isArray(value) && 'data' in value) {
    const v = value as { data: unknown; dims?: unknown };
    const inner = valuesFromJson(v.data, where);
    if (v.dims === undefined) return { data: inner.data };
    if (!Array.isArray(v.dims) || !v.dims.every((d) => Number.isInteger(d) && d >= 0))
      throw new UsageError('E_BAD_INPUT', `${where}: "dims" must be an array of non-negative integers.`);
    return { data: inner.data, dims: v.dims as number[] };
  }
  if (!Array.isArray(value))
    throw new UsageError(
      'E_BAD_INPUT',
      `${where}: expected a number, an array of numbers, or {"dims": [...], "data": [...]}.`,
    );
  if (value.length === 0) return { data: [], dims: [0] };
  const rows = value.map((v) => valuesFromJson(v, where));
  const rowDims = rows[0]!.dims ?? [rows[0]!.data.length];
  if (rows.some((r) => JSON.stringify(r.dims ?? [r.data.length]) !== JSON.stringify(rowDims))) {
    throw new UsageError('E_BAD_INPUT', `${where}: nested arrays must be rectangular (every row the same shape).`);
  }
  const data = rows.flatMap((r) => r.data as unknown[]);
  if (data.every((d) => typeof d === 'string')) return { data: data as string[], dims: [value.length, ...rowDims] };
  if (data.some((d) => typeof d !== 'number' || !Number.isFinite(d)))
    throw new UsageError('E_BAD_INPUT', `${where}: every value must be a finite number (or every value a string).`);
  return { data: data as number[], dims: [value.length, ...rowDims] };
}

/** Reads a NumPy .npy file (npyjs; float16 decoded to numbers, C order only). */
export function valuesFromNpy(bytes: Uint8Array, where: string): FixedValues {
  let arr;
  try {
    arr = parseNpy(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (err) {
    throw new UsageError('E_BAD_INPUT', `${where}: not a readable .npy file (${(err as Error).message}).`);
  }
  if (arr.fortranOrder)
    throw new UsageError(
      'E_BAD_INPUT',
      `${where}: Fortran-ordered arrays are not supported; save it with np.ascontiguousarray.`,
    );
  const data = Array.from(arr.data as unknown as ArrayLike<number | bigint | string>, (v) =>
    typeof v === 'bigint' ? Number(v) : v,
  );
  return { data: data as number[] | string[], dims: arr.shape };
}

/**
 * Parses one `--input name=value` (a number, a JSON array, or a string for string inputs),
 * `--input name=@file.json` or `--input name=@file.npy`.
 */
export function parseInputFlag(
  text: string,
  readFile: (file: string) => Uint8Array | string = (f) => readFileSync(f),
): [string, FixedValues] {
  const [name, value] = splitPair(text, '--input', '--input sr=16000 or --input sr=@sr.json');
  let source = `--input ${text}`;
  let json = value;
  if (value.startsWith('@')) {
    const file = value.slice(1);
    source = `--input ${name}: ${file}`;
    let bytes: Uint8Array;
    try {
      const content = readFile(file);
      bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    } catch (err) {
      throw new UsageError(
        'E_BAD_INPUT',
        `${source}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
      );
    }
    if (file.toLowerCase().endsWith('.npy')) return [name, valuesFromNpy(bytes, source)];
    json = Buffer.from(bytes).toString('utf8');
  } else if (!/^[-+\d.[{"]/.test(value) && !['true', 'false', 'null'].includes(value)) {
    // A bare word is a one-string value for a string input: --input text=hello.
    return [name, { data: [value], dims: [] }];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new UsageError('E_BAD_INPUT', `${source}: not a number or JSON value (${(err as Error).message}).`);
  }
  return [name, valuesFromJson(parsed, source)];
}

/** `[batch, 3, 224, 224]`, for messages. */
export function formatDims(dims: ReadonlyArray<number | string>): string {
  return `[${dims.join(', ')}]`;
}

const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Resolves the request against the model's declared inputs. Throws UsageError E_BAD_INPUT
 * naming the input and its expected shape for: an unknown input name, a rank or fixed-dim
 * mismatch, two sizes for one symbolic dim, a symbolic dim with no size, or a value count that
 * does not fill the shape. `file` names the model in messages.
 */
export function resolveInputs(specs: TensorSpec[], request: InputsRequest, file: string): ResolvedInput[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const known = specs.map((s) => `${s.name} ${formatDims(s.dims)} ${s.dtype}`).join('; ');
  for (const [flag, names] of [
    ['--shape', Object.keys(request.shapes)],
    ['--input', Object.keys(request.values)],
    ['--input-range', Object.keys(request.ranges ?? {})],
  ] as const) {
    for (const name of names) {
      if (!byName.has(name))
        throw new UsageError('E_BAD_INPUT', `${flag} ${name}: ${file} has no input "${name}". Its inputs: ${known}.`);
    }
  }
  const symbols = new Map<string, number>();
  const bind = (spec: TensorSpec, dims: number[], flag: string) => {
    const expected = `expected shape ${formatDims(spec.dims)}`;
    if (dims.length !== spec.dims.length) {
      throw new UsageError(
        'E_BAD_INPUT',
        `${flag} ${spec.name}: input "${spec.name}" has rank ${spec.dims.length}, got ${dims.length} dims ${formatDims(dims)}; ${expected}.`,
      );
    }
    spec.dims.forEach((d, axis) => {
      const got = dims[axis]!;
      if (typeof d === 'number' && d !== got) {
        throw new UsageError(
          'E_BAD_INPUT',
          `${flag} ${spec.name}: input "${spec.name}" axis ${axis} must be ${d}, got ${got}; ${expected}.`,
        );
      }
      if (typeof d === 'string') {
        const had = symbols.get(d);
        if (had !== undefined && had !== got) {
          throw new UsageError(
            'E_BAD_INPUT',
            `${flag} ${spec.name}: symbolic dim "${d}" is already ${had} (from another input), got ${got}; ${expected}.`,
          );
        }
        symbols.set(d, got);
      }
    });
  };
  for (const [name, dims] of Object.entries(request.shapes)) bind(byName.get(name)!, dims, '--shape');
  for (const [name, v] of Object.entries(request.values)) {
    const spec = byName.get(name)!;
    if (v.dims && !(v.dims.length === 1 && spec.dims.length !== 1 && v.dims[0] === v.data.length))
      bind(spec, v.dims, '--input');
  }
  return specs.map((spec) => {
    const dims = spec.dims.map((d, axis) => {
      if (typeof d === 'number') return d;
      const v = symbols.get(d) ?? (BATCH_NAMES.test(d) || axis === 0 ? 1 : undefined);
      if (v === undefined) {
        throw new UsageError(
          'E_BAD_INPUT',
          `input "${spec.name}" ${formatDims(spec.dims)}: symbolic dim "${d}" (axis ${axis}) has no size; set it with --shape ${spec.name}=${spec.dims.map((x) => (typeof x === 'number' ? x : x === d ? 'N' : 1)).join('x')}.`,
        );
      }
      return v;
    });
    const fixed = request.values[spec.name];
    if (fixed && fixed.data.length !== product(dims)) {
      throw new UsageError(
        'E_BAD_INPUT',
        `--input ${spec.name}: ${fixed.data.length} value(s) for input "${spec.name}" of shape ${formatDims(dims)} (declared ${formatDims(spec.dims)}), which needs ${product(dims)}.`,
      );
    }
    if (fixed && (spec.dtype === 'string') !== fixed.data.every((d) => typeof d === 'string')) {
      throw new UsageError(
        'E_BAD_INPUT',
        `--input ${spec.name}: input "${spec.name}" is ${spec.dtype}; give ${spec.dtype === 'string' ? 'strings, e.g. --input ' + spec.name + '=\'["hello"]\'' : 'numbers'}.`,
      );
    }
    const range = request.ranges?.[spec.name];
    if (range && spec.dtype === 'string')
      throw new UsageError(
        'E_BAD_INPUT',
        `--input-range ${spec.name}: input "${spec.name}" is a string input; give its values with --input.`,
      );
    return {
      name: spec.name,
      dtype: spec.dtype,
      dims,
      ...(fixed ? { fixed: fixed.data } : {}),
      ...(range ? { range } : {}),
    };
  });
}
