/**
 * A small seeded generator for synthetic data: mulberry32 (32-bit state, period 2^32), chosen for
 * being tiny, fast and identical on every platform; statistical quality is ample for test data.
 */
import { createRng, normal as normalVariate } from '../../harness/measure/random.js';

/** Uniform [0, 1) numbers from a 32-bit seed (mulberry32, harness/measure/random.ts). */
export const mulberry32: (seed: number) => () => number = createRng;

/** Standard normal numbers (Box-Muller) from a uniform generator. */
export function normal(uniform: () => number): () => number {
  return () => normalVariate(uniform);
}

/** Parses a row count such as `5000`, `10k` or `1m`; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
