import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../results/compare/format.js';

describe('compare value formatting', () => {
  it('uses the reports number formatting, units always printed', () => {
    expect(formatValue(12_345, 'ns')).toBe('12.3 µs');
    expect(formatValue(4.56e6, 'ns')).toBe('4.56 ms');
    expect(formatValue(50e6, 'bytes')).toBe('47.7 MiB');
    expect(formatValue(1.234, 's')).toBe('1.23 s');
    expect(formatValue(812.4, 'per-s')).toBe('812/s');
    expect(formatValue(null, 'ns')).toBe('-');
    expect(formatValue('pass', 'pass')).toBe('pass');
  });
});
