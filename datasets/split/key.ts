/**
 * The deterministic split rule shared by every dataset with a hash split (flights, user data).
 *
 * key(i) = fmix32((i * 0x9E3779B1 + seed) mod 2^32), fmix32 being the MurmurHash3 32-bit
 * finalizer. Both steps are bijections on 32-bit integers, so keys of distinct row indices
 * (i < 2^32) never tie. `sample(pool, n)` = the n rows of `pool` with the smallest key, returned
 * in ascending row index. Samples of one pool are nested: sample(pool, 10k) is a subset of
 * sample(pool, 100k).
 */
import { createHash } from 'node:crypto';

/** The split seed of the benchm-ml style flights split. */
export const SPLIT_SEED = 42;

/** MurmurHash3's 32-bit finalizer (avalanche step). Returns an unsigned 32-bit integer. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The split key of row `i`: fmix32((i * 0x9E3779B1 + seed) mod 2^32). */
export function splitKey(i: number, seed = SPLIT_SEED): number {
  return fmix32((Math.imul(i, 0x9e3779b1) + seed) >>> 0);
}

/**
 * The nested samples of `pool` (row indices, any order) of each size in `sizes`: for each n, the
 * n rows with the smallest key, in ascending row index. A size larger than the pool takes the
 * whole pool. One typed-array sort of the pool's keys serves every size.
 */
export function sampleSmallestKeys(pool: Uint32Array, sizes: readonly number[], seed = SPLIT_SEED): Uint32Array[] {
  const ascendingPool = isAscending(pool) ? pool : pool.slice().sort();
  const keys = new Uint32Array(ascendingPool.length);
  for (let j = 0; j < ascendingPool.length; j++) keys[j] = splitKey(ascendingPool[j]!, seed);
  return sizes.map((n) => {
    if (n >= keys.length) return ascendingPool.slice();
    if (n <= 0) return new Uint32Array(0);
    // Keys are distinct, so "key <= the n-th smallest key" selects exactly n rows.
    const threshold = nthSmallest(keys, n);
    const out = new Uint32Array(n);
    let k = 0;
    for (let j = 0; j < keys.length; j++) if (keys[j]! <= threshold) out[k++] = ascendingPool[j]!;
    return out;
  });
}

/**
 * The n-th smallest (1-based) of distinct uint32 keys, by a histogram of the top 16 bits and a
 * sort of the one bucket that holds it. Written here because sorting all 2.5M flights keys took
 * a noticeable share (~150 ms) of the first-time decode budget; this is one linear pass.
 */
function nthSmallest(keys: Uint32Array, n: number): number {
  const counts = new Uint32Array(1 << 16);
  for (let j = 0; j < keys.length; j++) counts[keys[j]! >>> 16]!++;
  let bucket = 0;
  let before = 0;
  while (before + counts[bucket]! < n) before += counts[bucket++]!;
  const inBucket = new Uint32Array(counts[bucket]!);
  let k = 0;
  for (let j = 0; j < keys.length; j++) if (keys[j]! >>> 16 === bucket) inBucket[k++] = keys[j]!;
  inBucket.sort();
  return inBucket[n - before - 1]!;
}

function isAscending(a: Uint32Array): boolean {
  for (let j = 1; j < a.length; j++) if (a[j]! <= a[j - 1]!) return false;
  return true;
}

/** sha256 (hex) of row indices written one per line in decimal, each line ending in "\n". */
export function indicesSha256(indices: Uint32Array): string {
  const hash = createHash('sha256');
  const chunk = 65_536;
  for (let start = 0; start < indices.length; start += chunk) {
    const end = Math.min(indices.length, start + chunk);
    let text = '';
    for (let j = start; j < end; j++) text += `${indices[j]}\n`;
    hash.update(text);
  }
  return hash.digest('hex');
}
