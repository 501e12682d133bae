/**
 * Shared checks of the fault catalogue (tests/faults): every fault test runs the built CLI, reads
 * the one result file it wrote and asserts that every job other than the faulty ones is intact:
 * status ok and valid against the result schema (parseResult validates the whole file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseResult } from '../../results/store.js';
import type { JobResult, ResultFile } from '../../results/schema.js';

export { mlbench, tempDir, ROOT } from '../helpers/cli.js';

/** Settings that keep a null-runtime job to a fraction of a second. */
export const FAST = ['--min-duration', '100', '--min-queries', '32', '--set', 'warmupQueries=2', '--set', 'warmupMs=0'];

/** Every result file (`*.json`, not partials) under `<dir>/<machine-id>/`. */
export function resultFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((m) =>
    readdirSync(path.join(dir, m))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(dir, m, f)),
  );
}

/** The one result file under `dir`, parsed and schema-validated. */
export function onlyResult(dir: string): ResultFile {
  const files = resultFiles(dir);
  expect(files).toHaveLength(1);
  return parseResult(readFileSync(files[0]!, 'utf8'), files[0]!);
}

/** Asserts that every job not matched by `faulty` finished ok with its measurements. */
export function othersIntact(result: ResultFile, faulty: (j: JobResult) => boolean): void {
  const others = result.jobs.filter((j) => !faulty(j));
  for (const j of others) {
    expect(j.status, `${j.id}: ${j.error?.message ?? ''}`).toBe('ok');
    expect(j.queryCount ?? j.train?.seconds).toBeGreaterThan(0);
  }
}
