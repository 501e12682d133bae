import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSide } from '../../../results/compare/index.js';
import { loadResults } from '../../../results/load.js';
import { FIXTURES, RUN_A1, TRUNCATED } from './helpers.js';

describe('result loading (report and compare share one loader)', () => {
  it('reads a file once when a folder and the file, or two spellings of it, are given', async () => {
    const folder = path.join(FIXTURES, 'machine-a');
    const relative = path.relative(process.cwd(), RUN_A1);
    const { results } = await loadResults([folder, RUN_A1, relative]);
    expect(results).toHaveLength(2);
    const side = await loadSide([folder, RUN_A1], 'baseline');
    expect(side.sources).toHaveLength(2);
    expect(side.jobs).toHaveLength(results.reduce((n, r) => n + r.result.jobs.length, 0));
  });

  it('a report skips a bad file with a warning; compare refuses it', async () => {
    const { results, warnings } = await loadResults([RUN_A1, TRUNCATED]);
    expect(results).toHaveLength(1);
    expect(warnings[0]).toMatch(/skipped .*truncated\.json/);
    await expect(loadSide([RUN_A1, TRUNCATED], 'candidate')).rejects.toMatchObject({ code: 'E_RESULT_FILE' });
  });
});
