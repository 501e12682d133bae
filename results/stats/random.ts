/**
 * Seeded random numbers for the bootstrap, so that a comparison is reproducible: the project's one
 * generator (harness/measure/random.ts: mulberry32, Box-Muller, Marsaglia-Tsang gamma, beta) bound
 * to one seed.
 */
import { beta, createRng as createUniform, gamma, normal } from '../../harness/measure/random.js';

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  normal(): number;
  gamma(shape: number): number;
  beta(a: number, b: number): number;
}

/** A seeded generator. The same seed gives the same sequence on every platform. */
export function createRng(seed: number): Rng {
  const uniform = createUniform(seed);
  return {
    uniform,
    normal: () => normal(uniform),
    gamma: (shape) => gamma(uniform, shape),
    beta: (a, b) => beta(uniform, a, b),
  };
}
