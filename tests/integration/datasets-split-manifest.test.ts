import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flightsCacheStatus, loadFlightsSource } from '../../datasets/flights/flights.js';
import { loadTabularSplit } from '../../datasets/tabular/load-split.js';
import { FLIGHTS_SLICES } from '../../datasets/flights/split.js';
import { indicesSha256 } from '../../datasets/split/key.js';

interface SplitFacts {
  rows: number;
  index_sum: number;
  first5: number[];
  last5: number[];
  sha256_indices: string;
  positives: number;
}
// The project's shared split manifest, committed as a fixture so the test runs on any checkout.
const manifest = JSON.parse(
  readFileSync(path.join(__dirname, '..', 'fixtures', 'datasets', 'flights-split-manifest.json'), 'utf8'),
) as {
  source_rows: number;
  test_pool_rows: number;
  train_pool_rows: number;
  excluded_rows_month7: number;
  splits: Record<string, SplitFacts>;
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
    for (let i = 0; i < month.length; i++) {
      if (month[i] === 7) july++;
      if (month[i] === 6) june++;
    }
    expect(july).toBe(manifest.excluded_rows_month7);
    expect(june).toBe(manifest.test_pool_rows);
    expect(src.slices.train_full!.length).toBe(manifest.train_pool_rows);
    expect(Object.keys(manifest.splits).sort()).toEqual([...FLIGHTS_SLICES].sort());
    for (const name of FLIGHTS_SLICES) {
      const want = manifest.splits[name]!;
      const rows = src.slices[name]!;
      let sum = 0;
      let pos = 0;
      for (const i of rows) {
        sum += i;
        pos += src.table.labels[i]!;
      }
      expect({ name, rows: rows.length, sum, pos }).toEqual({
        name,
        rows: want.rows,
        sum: want.index_sum,
        pos: want.positives,
      });
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

  it('loadTabularSplit: train_10k statistics, 100k test slice, calendar fields one-hot, month left out, cached split', async () => {
    const src = await loadFlightsSource({ cacheDir });
    const split = await loadTabularSplit('flights', 'train_10k', { cacheDir });
    expect([split.train.rows, split.test.rows]).toEqual([10_000, 100_000]);
    const distance = src.table.numeric[5]!;
    const mean = src.slices.train_10k!.reduce((s, i) => s + distance[i]!, 0) / 10_000;
    expect(split.encoding.numeric.map((n) => n.name)).toEqual(['depMinute', 'distance']);
    expect(split.encoding.numeric[1]!.mean).toBeCloseTo(mean, 9);
    expect(split.encoding.dropped).toEqual(['month']);
    expect(split.encoding.categorical.map((c) => [c.name, c.from])).toEqual([
      ['dayOfMonth', 'calendar'],
      ['dayOfWeek', 'calendar'],
      ['depHour', 'calendar'],
      ['origin', 'categorical'],
      ['dest', 'categorical'],
    ]);
    expect(split.encoding.categorical[1]!.cardinality).toBe(8);
    expect(split.train.numeric.length).toBe(10_000 * 2);
    expect(split.train.categorical.length).toBe(10_000 * 5);
    expect(split.encoding.categorical[3]!.cardinality).toBeLessThan(400);
    expect((await loadTabularSplit('flights', 'train_10k', { cacheDir })).fromCache).toBe(true);
  }, 60_000);

  it('a corrupted flights cache file is detected and rebuilt', async () => {
    const { file } = await flightsCacheStatus(cacheDir);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1000] ^= 0x5a;
    writeFileSync(file, bytes);
    const reasons: string[] = [];
    const src = await loadFlightsSource({
      cacheDir,
      onEvent: (e) => {
        if (e.phase === 'rebuild') reasons.push(e.message!);
      },
    });
    expect(src.fromCache).toBe(false);
    expect(reasons).toEqual(['corrupt: payload checksum mismatch']);
    expect(src.slices.test!.length).toBe(100_000);
    expect((await loadFlightsSource({ cacheDir })).fromCache).toBe(true);
  }, 120_000);
});
