/** Result fixtures and published-shape fixtures for the exporter tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseResult } from '../../../results/store.js';
import type { ExportInput } from '../../../results/export/index.js';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, 'export', name), 'utf8');
}

/** One run of the report fixtures: inference jobs with raw samples, training jobs with AUC, failures. */
export function sampleRun(): ExportInput[] {
  const file = path.join(FIXTURES, 'results', 'machine-a', '2025-01-10T09-00-00Z-r1.json');
  return [{ file, result: parseResult(readFileSync(file, 'utf8'), file) }];
}
