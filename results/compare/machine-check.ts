/**
 * Like with like, machines: results from different machine fingerprints are refused unless the
 * user allows it. The message names both machine ids and the recorded fields that differ (the
 * fields are the report's machine table, results/machine-facts.ts).
 */
import { UsageError } from '../../harness/errors.js';
import { comparedMachineFacts } from '../machine-facts.js';
import type { Machine } from '../schema.js';

/** `field: a -> b` for each recorded machine fact that differs. */
export function machineDifferences(a: Machine, b: Machine): string[] {
  const fa = comparedMachineFacts(a);
  const fb = comparedMachineFacts(b);
  const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
  return keys
    .filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
    .map((k) => `${k}: ${JSON.stringify(fa[k] ?? null)} -> ${JSON.stringify(fb[k] ?? null)}`);
}

/**
 * Checks that every machine on both sides has one fingerprint. Throws E_MACHINE_MISMATCH (exit 2)
 * unless `allow`, in which case it returns the warning to print with the comparison.
 */
export function checkMachines(baseline: Machine[], candidate: Machine[], allow: boolean): string | null {
  const all = [...baseline, ...candidate];
  const first = all[0];
  if (!first) return null;
  const other = all.find((m) => m.id !== first.id);
  if (!other) return null;
  const diffs = machineDifferences(first, other);
  const what = diffs.length ? `differing fields: ${diffs.join('; ')}` : 'no recorded field differs, but the fingerprints do';
  const message = `results come from different machines: ${first.id} (${first.hostname}) and ${other.id} (${other.hostname}); ${what}.`;
  if (!allow) {
    throw new UsageError('E_MACHINE_MISMATCH', `${message} Timings from different machines are not comparable; pass --allow-different-machine to compare anyway.`);
  }
  return message;
}
