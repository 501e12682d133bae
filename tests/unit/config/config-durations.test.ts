import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../harness/config/duration.js';
import { resolveSettings } from '../../../harness/config/resolve.js';
import { SETTINGS, parseSetting } from '../../../harness/config/settings.js';

const NS_PER = { ns: 1, µs: 1e3, ms: 1e6 } as const;

describe('durations with units', () => {
  it('converts every unit into the unit asked for; a bare number is already in it', () => {
    expect(parseDuration('1s', 'ms')).toBe(1000);
    expect(parseDuration('250ms', 'ms')).toBe(250);
    expect(parseDuration('2m', 'ms')).toBe(120_000);
    expect(parseDuration('1h', 'ms')).toBe(3_600_000);
    expect(parseDuration('1.1s', 'ms')).toBe(1100);
    expect(parseDuration('10us', 'ns')).toBe(10_000);
    expect(parseDuration('10µs', 'ns')).toBe(10_000);
    expect(parseDuration('10ms', 'ns')).toBe(10_000_000);
    expect(parseDuration('1.5ms', 'µs')).toBe(1500);
    expect(parseDuration('500ns', 'µs')).toBe(0.5);
    expect(parseDuration('42', 'ns')).toBe(42);
    expect(parseDuration('1e3', 'ms')).toBe(1000);
    expect(() => parseDuration('soon', 'ms')).toThrow(/e\.g\. 500ms, 5s or 2m \(a bare number is ms\)/);
    expect(() => parseDuration('-1s', 'ms')).toThrow();
    expect(() => parseDuration('5 parsecs', 'ms')).toThrow();
    expect(() => parseDuration('1MS', 'ms')).toThrow();
  });

  it('every duration flag takes units and errors name the flag', () => {
    const s = resolveSettings({
      timeout: '30s',
      flags: { minDurationMs: '1s', latencyBoundNs: '10ms' },
      flagNames: { minDurationMs: '--min-duration', latencyBoundNs: '--latency-bound' },
    });
    expect([s.timeoutMs, s.minDurationMs, s.latencyBoundNs]).toEqual([30_000, 1000, 10_000_000]);
    expect(resolveSettings({ flags: { minDurationMs: '750' } }).minDurationMs).toBe(750);
    expect(() =>
      resolveSettings({ flags: { latencyBoundNs: 'fast' }, flagNames: { latencyBoundNs: '--latency-bound' } }),
    ).toThrow(
      /^--latency-bound fast: bad value for latencyBoundNs: expected a duration .*e\.g\. 10ms or 500us \(a bare number is ns\), got "fast"/,
    );
    expect(() => resolveSettings({ timeout: 'soon' })).toThrow(/^--timeout soon: bad value for timeoutMs/);
  });

  it("--set takes units for every duration key (suffix Ms, Ns, Us), in that key's unit", () => {
    const keys = Object.keys(SETTINGS).filter((k) => /(Ms|Ns|Us)$/.test(k));
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) {
      const unit = SETTINGS[key]!.unit as keyof typeof NS_PER;
      expect(unit).toBe(({ Ms: 'ms', Ns: 'ns', Us: 'µs' } as const)[key.slice(-2) as 'Ms' | 'Ns' | 'Us']);
      expect(resolveSettings({ set: [`${key}=1s`] })[key as 'timeoutMs']).toBe(1e9 / NS_PER[unit]);
    }
    expect(resolveSettings({ set: ['latencyBoundNs=10ms', 'null.latencyUs=1.5ms'] })).toMatchObject({
      latencyBoundNs: 10_000_000,
      'null.latencyUs': 1500,
    });
  });

  it("refuses a duration that is not a whole number of an integer key's unit, naming the pair", () => {
    expect(() => resolveSettings({ set: ['minDurationMs=10us'] })).toThrow(
      /^--set minDurationMs=10us: bad value for minDurationMs: expected a duration \(whole ms\), e\.g\. 500ms/,
    );
    expect(parseSetting('null.latencyUs', '500ns', 'test')).toBe(0.5);
  });
});
