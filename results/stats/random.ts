/**
 * Seeded random numbers for the bootstrap, so that a comparison is reproducible. Written here
 * because the installed libraries' samplers (jstat) draw from Math.random, which cannot be seeded.
 * - uniform: mulberry32 (32-bit state, passes the usual statistical batteries for this use);
 * - normal: Box-Muller;
 * - gamma: Marsaglia and Tsang (2000) for shape >= 1;
 * - beta: X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 */

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  normal(): number;
  gamma(shape: number): number;
  beta(a: number, b: number): number;
}

/** A seeded generator. The same seed gives the same sequence on every platform. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    let u = uniform();
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  const gamma = (shape: number): number => {
    if (!(shape >= 1)) throw new RangeError(`gamma shape must be >= 1, got ${shape}`);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const beta = (a: number, b: number): number => {
    const x = gamma(a);
    return x / (x + gamma(b));
  };
  return { uniform, normal, gamma, beta };
}
