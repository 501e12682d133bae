import { describe, expect, it } from 'vitest';
import { abOrder, alignSides, jobKey } from '../../../results/compare/index.js';
import { job } from './make-result.js';

describe('A/B interleaving order', () => {
  it('abba alternates pairs so a linear drift cancels', () => {
    expect(abOrder(4, 'abba').join('')).toBe('ABBAABBA');
    expect(abOrder(3, 'abba').join('')).toBe('ABBAAB');
  });

  it('random is a seeded shuffle with n runs of each side', () => {
    const order = abOrder(8, 'random', 7);
    expect(order).toHaveLength(16);
    expect(order.filter((s) => s === 'A')).toHaveLength(8);
    expect(abOrder(8, 'random', 7)).toEqual(order);
    expect(abOrder(8, 'random', 8)).not.toEqual(order);
  });

  it('blocked is n blocks of AB or BA, each by a seeded coin', () => {
    const order = abOrder(8, 'blocked', 3);
    for (let i = 0; i < 16; i += 2) expect([order[i], order[i + 1]].sort().join('')).toBe('AB');
    expect(abOrder(8, 'blocked', 3)).toEqual(order);
    expect(new Set(Array.from({ length: 8 }, (_, i) => order[2 * i])).size).toBe(2);
  });

  it('two model files (workloads named after the files) are paired in order', () => {
    const a = [job({ workload: 'base' })];
    const b = [job({ workload: 'pr' })];
    expect(alignSides(a, b).map(jobKey)).toEqual(a.map(jobKey));
    expect(() => alignSides(a, [...b, job({ workload: 'other' })])).toThrow(/ran different jobs/);
  });
});
