/**
 * Seeded pseudo-random numbers for weights. A tiny, well-known generator (mulberry32) is written
 * here rather than taken from a package because the weights must be bit-identical forever, in
 * every process: a dependency's generator could change between versions and silently change
 * every model. Quality needs are modest (initialising weights), which mulberry32 meets.
 */
import { createRng } from '../measure/random.js';

/** Returns a function yielding uniform floats in [0, 1), fully determined by `seed` (mulberry32, measure/random.ts). */
export const mulberry32: (seed: number) => () => number = createRng;

/** Mixes a seed and a string (a layer path) into a new 32-bit seed (FNV-1a over both). */
export function deriveSeed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` uniform floats in [-limit, limit). */
export function uniformArray(n: number, limit: number, rand: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * limit;
  return out;
}
