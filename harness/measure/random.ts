/**
 * The one seeded random source of mlbench: inputs, Server arrivals, model weights, synthetic data
 * and the compare statistics all draw from here, so one seed means one sequence on every machine. Written
 * here rather than taken from a package because the generator must be tiny, fast (one call per
 * query at 1 M queries) and bit-for-bit stable across versions (seeded weights depend on it);
 * jstat can be seeded only globally (`setRandom`), which would couple every caller's stream.
 * Pure: no I/O.
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** mulberry32 (public domain): 32-bit state, period 2^32, good enough for load and test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponential variate with the given rate (events per unit), by inversion. */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng()) / rate;
}

/** A standard normal variate (Box-Muller; 1 - u keeps the logarithm's argument in (0, 1]). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`, the offset basis mixed with `seed`: the one
 * hash for deriving seeds from names (a layer path, a comparison row).
 */
export function fnv1a(text: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Mixes a seed and a key (a layer path) into a new 32-bit seed: FNV-1a over a NUL, then the key. */
export function deriveSeed(seed: number, key: string): number {
  return fnv1a(`\u0000${key}`, seed >>> 0);
}
