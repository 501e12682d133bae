/**
 * The dataset cache: one file per entry, raw little-endian typed arrays behind a JSON header.
 *
 * Layout: the 8 bytes `MLBCACHE`, a uint32 (LE) header length, the header JSON, zero padding to
 * an 8-byte boundary, then each array at the 8-aligned offset the header names. The header holds
 * the format version, the entry's key parts (source package and version, options), each array's
 * name, dtype, length and offset, any JSON extras (vocabularies, statistics) and the sha256 of
 * the payload (every array's bytes with their zero padding, in header order). A read checks all of it; an entry that is
 * truncated, corrupt or built from another key is reported as a problem and never used.
 * Files are written to a temp file and renamed (harness/common/atomic-write.ts), so a failed
 * build leaves nothing half-written. Raw binary was chosen over a general format because a
 * cache hit must cost little more than reading the bytes (goal: 3M rows in <= 0.5 s).
 */
import { stableJson } from '../../harness/common/stable-json.js';
import { createHash } from 'node:crypto';
import { readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../harness/common/atomic-write.js';

/** The typed arrays a cache entry can hold. */
export type CacheArray =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Named arrays of one cache entry, written in insertion order. */
export type CacheArrays = Record<string, CacheArray>;

/** Bump when the layout or any builder's output changes: older entries then count as stale. */
export const CACHE_FORMAT_VERSION = 1;

const MAGIC = 'MLBCACHE';

const CONSTRUCTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;
type CacheDType = keyof typeof CONSTRUCTORS;

interface ArrayHeader {
  name: string;
  dtype: CacheDType;
  length: number;
  offset: number;
}

interface CacheHeader {
  format: number;
  key: Record<string, unknown>;
  arrays: ArrayHeader[];
  payloadBytes: number;
  sha256: string;
  extra: unknown;
}

/** A cache entry read back or just written. `checksum` is `sha256:<hex>` of the payload. */
export interface CacheEntry<E = unknown> {
  file: string;
  arrays: CacheArrays;
  extra: E;
  checksum: string;
  payloadBytes: number;
}

/** Path of the entry for `name` and `key`: `<cacheDir>/<name>-<16 hex of sha256(key)>.bin`. */
export function cacheFile(cacheDir: string, name: string, key: Record<string, unknown>): string {
  const digest = createHash('sha256')
    .update(stableJson({ format: CACHE_FORMAT_VERSION, ...key }))
    .digest('hex')
    .slice(0, 16);
  return path.join(cacheDir, `${name}-${digest}.bin`);
}

function dtypeOf(a: CacheArray): CacheDType {
  for (const [dtype, ctor] of Object.entries(CONSTRUCTORS)) if (a instanceof ctor) return dtype as CacheDType;
  throw new Error('unsupported array type in cache entry');
}

const align8 = (n: number): number => (n + 7) & ~7;

function bytesOf(a: CacheArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Serialises `arrays` and `extra` under `key` and writes the entry atomically. */
export async function writeCacheEntry<E>(
  file: string,
  key: Record<string, unknown>,
  arrays: CacheArrays,
  extra: E,
): Promise<CacheEntry<E>> {
  const headers: ArrayHeader[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    headers.push({ name, dtype: dtypeOf(a), length: a.length, offset });
    offset = align8(offset + a.byteLength);
  }
  // The payload hash covers each array and its zero padding, exactly the bytes after the header.
  const hash = createHash('sha256');
  const zeros = new Uint8Array(8);
  for (const h of headers) {
    const bytes = bytesOf(arrays[h.name]!);
    hash.update(bytes);
    hash.update(zeros.subarray(0, align8(bytes.length) - bytes.length));
  }
  const sha256 = hash.digest('hex');
  const header: CacheHeader = {
    format: CACHE_FORMAT_VERSION,
    key,
    arrays: headers,
    payloadBytes: offset,
    sha256,
    extra,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const payloadStart = align8(12 + headerBytes.length);
  const out = Buffer.alloc(payloadStart + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  for (const h of headers) out.set(bytesOf(arrays[h.name]!), payloadStart + h.offset);
  await writeFileAtomic(file, out);
  return { file, arrays, extra, checksum: `sha256:${sha256}`, payloadBytes: offset };
}

/** What reading an entry found: the entry, or why it cannot be used (missing, corrupt, stale). */
export type CacheRead<E> = { entry: CacheEntry<E>; problem?: undefined } | { entry?: undefined; problem: string };

/** Reads and verifies an entry: magic, header, key, lengths and payload sha256. */
export async function readCacheEntry<E>(file: string, key: Record<string, unknown>): Promise<CacheRead<E>> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return { problem: 'not cached' };
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return { problem: 'corrupt: bad magic bytes' };
  const headerLength = buf.readUInt32LE(8);
  if (12 + headerLength > buf.length) return { problem: 'corrupt: truncated header' };
  let header: CacheHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as CacheHeader;
  } catch {
    return { problem: 'corrupt: unreadable header' };
  }
  if (header.format !== CACHE_FORMAT_VERSION)
    return { problem: `stale: cache format ${header.format}, expected ${CACHE_FORMAT_VERSION}` };
  if (stableJson(header.key) !== stableJson(key)) return { problem: 'stale: built from another source or options' };
  const payloadStart = align8(12 + headerLength);
  if (buf.length !== payloadStart + header.payloadBytes)
    return { problem: `corrupt: ${buf.length} bytes, expected ${payloadStart + header.payloadBytes}` };
  const sha256 = createHash('sha256').update(buf.subarray(payloadStart)).digest('hex');
  if (sha256 !== header.sha256) return { problem: 'corrupt: payload checksum mismatch' };
  const arrays: CacheArrays = {};
  for (const h of header.arrays) {
    const ctor = CONSTRUCTORS[h.dtype];
    if (!ctor) return { problem: `corrupt: unknown dtype ${h.dtype}` };
    const byteLength = h.length * ctor.BYTES_PER_ELEMENT;
    if (h.offset + byteLength > header.payloadBytes) return { problem: `corrupt: array ${h.name} out of bounds` };
    const at = buf.byteOffset + payloadStart + h.offset;
    const backing = buf.buffer as ArrayBuffer;
    const view: CacheArray =
      at % ctor.BYTES_PER_ELEMENT === 0
        ? new ctor(backing, at, h.length)
        : new ctor(backing.slice(at, at + byteLength));
    arrays[h.name] = view;
  }
  return {
    entry: { file, arrays, extra: header.extra as E, checksum: `sha256:${sha256}`, payloadBytes: header.payloadBytes },
  };
}

/** Whether an entry exists (cheap: no verification). */
export async function cacheExists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Options of {@link loadOrBuild}. */
export interface LoadOrBuildOptions<E> {
  cacheDir: string;
  name: string;
  key: Record<string, unknown>;
  build: () => Promise<{ arrays: CacheArrays; extra: E }>;
  /** Told when an existing entry is not used and why (e.g. `corrupt: payload checksum mismatch`). */
  onRebuild?: (reason: string) => void;
}

/** The entry plus whether it came from the cache and, if rebuilt, why. */
export type LoadedEntry<E> = CacheEntry<E> & { fromCache: boolean; rebuiltBecause?: string };

/** Reads the entry for `key`, or builds and writes it when missing, corrupt or stale. */
export async function loadOrBuild<E>(opts: LoadOrBuildOptions<E>): Promise<LoadedEntry<E>> {
  const file = cacheFile(opts.cacheDir, opts.name, opts.key);
  const read = await readCacheEntry<E>(file, opts.key);
  if (read.entry) return { ...read.entry, fromCache: true };
  if (read.problem !== 'not cached') {
    opts.onRebuild?.(read.problem);
    await unlink(file).catch(() => undefined);
  }
  const built = await opts.build();
  const entry = await writeCacheEntry(file, opts.key, built.arrays, built.extra);
  return { ...entry, fromCache: false, rebuiltBecause: read.problem };
}

export { stableJson };
