/** benchm-ml CSV: benchm-ml's columns first, one row per model x tool x size, RFC 4180. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvExporter } from '../../../results/export/index.js';
import { fixtureText, sampleRun } from './helpers.js';

describe('export csv', () => {
  it('starts with the benchm-ml table columns and rows for every tabular training size', () => {
    const benchmMl = parse(fixtureText('benchm-ml-example.csv'), { columns: true }) as Array<Record<string, string>>;
    const run = sampleRun();
    const job = run[0]!.result.jobs.find(
      (j) => j.id === 'tabular/logistic-regression-flights-100k/tfjs:wasm/accuracy/0',
    )!;
    job.memory = { peakRssBytes: 3 * 2 ** 30 };
    const [file] = csvExporter.render(run);
    expect(file!.name).toBe('benchm-ml.csv');
    const rows = parse(file!.content, { columns: true }) as Array<Record<string, string>>;
    const header = file!.content.split('\n')[0]!.split(',');
    expect(header.slice(0, Object.keys(benchmMl[0]!).length)).toEqual(Object.keys(benchmMl[0]!));
    expect(rows).toHaveLength(7);
    const row = rows.find(
      (r) => r.Tool === 'tfjs:wasm' && r.n === '100000' && r.Model === 'logistic-regression-flights',
    )!;
    expect(Number(row['Time (sec)'])).toBeCloseTo(job.train!.seconds, 3);
    expect(Number(row.AUC)).toBeCloseTo(job.accuracy!.value, 4);
    expect(Number(row['RAM (GB)'])).toBe(3);
    expect(rows.find((r) => r.Tool === 'tfjs:cpu' && r.n === '10000')!['RAM (GB)']).toBe('');
  });
});
