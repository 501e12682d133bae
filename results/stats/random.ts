/**
 * Seeded random numbers for the compare statistics (the `ab` order, simulations), so that a
 * comparison is reproducible: the project's one generator (harness/measure/random.ts: mulberry32,
 * Box-Muller) bound to one seed.
 */
import { createRng as createUniform, normal } from '../../harness/measure/random.js';

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  normal(): number;
}

/** A seeded generator. The same seed gives the same sequence on every platform. */
export function createRng(seed: number): Rng {
  const uniform = createUniform(seed);
  return {
    uniform,
    normal: () => normal(uniform),
  };
}
