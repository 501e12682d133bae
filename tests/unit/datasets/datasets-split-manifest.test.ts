import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFlightsSource } from '../../../datasets/flights/flights.js';
import { FLIGHTS_SLICES } from '../../../datasets/flights/split.js';
import { indicesSha256 } from '../../../datasets/split/key.js';

interface SplitFacts { rows: number; index_sum: number; first5: number[]; last5: number[]; sha256_indices: string; positives: number }
const manifest = JSON.parse(readFileSync('/work/shared/data/flights-split-manifest.json', 'utf8')) as {
  source_rows: number; test_pool_rows: number; train_pool_rows: number; excluded_rows_month7: number; splits: Record<string, SplitFacts>;
};
const cacheDir = mkdtempSync(path.join(tmpdir(), 'mlbench-flights-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('flights split reproduces the shared manifest exactly', () => {
  it('decodes 3M rows and matches every slice', async () => {
    const src = await loadFlightsSource({ cacheDir });
    expect(src.table.rows).toBe(manifest.source_rows);
    const month = src.table.numeric[0]!;
    let july = 0;
    let june = 0;
    for (let i = 0; i < month.length; i++) { if (month[i] === 7) july++; if (month[i] === 6) june++; }
    expect(july).toBe(manifest.excluded_rows_month7);
    expect(june).toBe(manifest.test_pool_rows);
    expect(src.slices.train_full!.length).toBe(manifest.train_pool_rows);
    expect(Object.keys(manifest.splits).sort()).toEqual([...FLIGHTS_SLICES].sort());
    for (const name of FLIGHTS_SLICES) {
      const want = manifest.splits[name]!;
      const rows = src.slices[name]!;
      let sum = 0;
      let pos = 0;
      for (const i of rows) { sum += i; pos += src.table.labels[i]!; }
      expect({ name, rows: rows.length, sum, pos }).toEqual({ name, rows: want.rows, sum: want.index_sum, pos: want.positives });
      expect([...rows.subarray(0, 5)]).toEqual(want.first5);
      expect([...rows.subarray(rows.length - 5)]).toEqual(want.last5);
      expect(indicesSha256(rows)).toBe(want.sha256_indices);
    }
  }, 120_000);

  it('training samples are nested and come from months 1-5, test from month 6', async () => {
    const src = await loadFlightsSource({ cacheDir });
    expect(src.fromCache).toBe(true);
    const month = src.table.numeric[0]!;
    const in100k = new Set(src.slices.train_100k);
    expect(src.slices.train_10k!.every((i) => in100k.has(i))).toBe(true);
    expect(src.slices.train_1m!.every((i) => month[i]! >= 1 && month[i]! <= 5)).toBe(true);
    expect(src.slices.test!.every((i) => month[i] === 6)).toBe(true);
  }, 60_000);
});
