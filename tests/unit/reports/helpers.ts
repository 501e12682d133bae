/** Loads the hand-made result fixtures for report tests. */
import path from 'node:path';
import type { ResultFile } from '../../../results/schema.js';
import { readResult } from '../../../results/store.js';

export const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'results');
export const RUN_A1 = path.join(FIXTURES, 'machine-a', '2025-01-10T09-00-00Z-r1.json');
export const RUN_A2 = path.join(FIXTURES, 'machine-a', '2025-01-12T09-00-00Z-r2.json');
export const RUN_B1 = path.join(FIXTURES, 'machine-b', '2025-01-11T14-30-00Z-r1.json');
export const TRUNCATED = path.join(FIXTURES, 'bad', 'truncated.json');
export const XSS = '<img src=x onerror=alert(1)>';

export async function fixtures(...files: string[]): Promise<Array<{ file: string; result: ResultFile }>> {
  return Promise.all(files.map(async (file) => ({ file, result: await readResult(file) })));
}
