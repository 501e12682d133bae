/**
 * Seeded random numbers for inputs and Server arrivals. Written here rather than taken from a
 * package because the generator must be tiny, fast (one call per query at 1 M queries) and
 * bit-for-bit reproducible across machines; mulberry32 (public domain) is the usual choice.
 * jstat's samplers use Math.random and cannot be seeded. Pure: no I/O.
 */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** mulberry32: a 32-bit state generator, period 2^32, good enough for load generation. */
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

/** A standard normal variate (Box-Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
