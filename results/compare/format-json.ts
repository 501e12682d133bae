/** JSON formatter: the whole comparison (the report model), for machines and scripts. */
import type { Comparison } from './types.js';

/** Renders a comparison as JSON (stable key order as built; NaN becomes null). */
export function formatJson(c: Comparison): string {
  return JSON.stringify(c, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 1) + '\n';
}
