import { describe, expect, it } from 'vitest';
import { scanSources } from '../../helpers/source-scan.js';

/** Where metric directions and status groups may be written: the catalogue modules themselves. */
const OWNERS = new Set(['results/metrics.ts', 'results/status.ts', 'results/schema.ts']);
const SCANNED = ['harness', 'results', 'reports', 'suites', 'bench', 'datasets'];

/**
 * A direction, accuracy-direction list or status group written outside the catalogue:
 * `'lower'`/`'higher'` given as a value (comparisons with `===` and union types are readings),
 * a `*IsBetter` flag, a list of loss names, or a list of failed statuses.
 */
export function secondTables(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/'(lower|higher)'/g)) {
    const before = code.slice(Math.max(0, m.index - 5), m.index);
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (/[!=]==\s*$/.test(before) || /\|\s*$/.test(before) || /^\s*\|/.test(after)) continue;
    found.push(`direction ${m[0]} written as a value`);
  }
  for (const m of code.matchAll(/\b(lower|smaller|higher|bigger)IsBetter\b/g)) found.push(`a ${m[0]} flag`);
  if (/LOWER_IS_BETTER|HIGHER_IS_BETTER/.test(code)) found.push('a direction list');
  if (/\[[^\]]*'(rmse|logloss|mae)'[^\]]*\]|new Set\(\[[^\]]*'(rmse|logloss|mae)'/.test(code))
    found.push('a list of accuracy metric names');
  if (/'failed',\s*'crashed'|'crashed',\s*'timeout'/.test(code)) found.push('a list of failed statuses');
  return found;
}

describe('every metric consumer reads the catalogue', () => {
  it('no second direction table or status group survives outside results/metrics.ts and results/status.ts', () => {
    const offences = scanSources(SCANNED, secondTables, (rel) => OWNERS.has(rel));
    expect(offences).toEqual([]);
  });

  it('the scan finds what it is meant to find', () => {
    expect(secondTables("scalarRows(ctx, 'throughput', 'per-s', 'higher', a, b)")).toHaveLength(1);
    expect(secondTables("const better = x ? 'lower' : 'higher';")).toHaveLength(2);
    expect(secondTables('const speed = { value, lowerIsBetter: true };')).toHaveLength(1);
    expect(secondTables("const L = new Set(['logloss', 'mse']);")).toHaveLength(1);
    expect(secondTables("if (['failed', 'crashed', 'timeout', 'oom'].includes(s)) n++;")).toHaveLength(1);
    expect(
      secondTables("better: 'lower' | 'higher'; if (m.better === 'lower') up(); file: 'customSmallerIsBetter.json'"),
    ).toEqual([]);
  });
});
