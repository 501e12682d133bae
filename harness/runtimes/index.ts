/**
 * The runtime registry: every built-in runtime, declared explicitly (never discovered by
 * scanning). Factories import their adapter lazily, so nothing heavy loads until a job needs it.
 */
import type { Runtime } from '../types.js';

export const RUNTIMES: Record<string, () => Promise<Runtime>> = {
  null: async () => (await import('./null.js')).createNullRuntime(),
};

export function runtimeIds(): string[] {
  return Object.keys(RUNTIMES);
}

/** Splits `ort-node:cpu` into runtime and backend (`null` has backend `default`). */
export function parseRuntimeId(id: string): { runtime: string; backend: string } {
  const colon = id.indexOf(':');
  return colon < 0 ? { runtime: id, backend: 'default' } : { runtime: id.slice(0, colon), backend: id.slice(colon + 1) };
}

export async function createRuntime(id: string): Promise<Runtime> {
  const factory = RUNTIMES[id];
  if (!factory) throw new Error(`unknown runtime ${id}`);
  return factory();
}
