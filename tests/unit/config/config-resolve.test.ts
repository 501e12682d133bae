import { describe, expect, it } from 'vitest';
import {
  parseDurationMs,
  pinnedKeys,
  resolveChoices,
  resolveSettings,
  withOverrides,
} from '../../../harness/config/resolve.js';
import { defaultSettings } from '../../../harness/config/settings.js';

const valid = { suites: ['smoke', 'zoo'], runtimes: ['null', 'ort-node:cpu'] };

describe('settings resolution', () => {
  it('fills every default when nothing is requested', () => {
    expect(resolveSettings({})).toEqual(defaultSettings());
  });

  it('applies --set over flags over defaults, parsing types', () => {
    const s = resolveSettings({
      flags: { minDurationMs: '500' },
      set: ['minDurationMs=750', 'null.latencyUs=12.5', 'null.fail=crash'],
    });
    expect(s.minDurationMs).toBe(750);
    expect(s['null.latencyUs']).toBe(12.5);
    expect(s['null.fail']).toBe('crash');
  });

  it('refuses an unknown key naming it and listing the known ones', () => {
    expect(() => resolveSettings({ set: ['nope=1'] })).toThrow(/unknown setting "nope".*minDurationMs/);
  });

  it('refuses a bad value naming the key and the pair', () => {
    expect(() => resolveSettings({ set: ['minQueryCount=-3'] })).toThrow(
      /--set minQueryCount=-3: bad value for minQueryCount/,
    );
    expect(() => resolveSettings({ set: ['null.fail=explode'] })).toThrow(/crash, hang, throw, oom/);
    expect(() => resolveSettings({ set: ['novalue'] })).toThrow(/expected key=value/);
  });

  it('parses --timeout durations', () => {
    expect(parseDurationMs('5s', '--timeout')).toBe(5000);
    expect(parseDurationMs('250ms', '--timeout')).toBe(250);
    expect(parseDurationMs('2m', '--timeout')).toBe(120_000);
    expect(resolveSettings({ timeout: '5s' }).timeoutMs).toBe(5000);
    expect(() => parseDurationMs('soon', '--timeout')).toThrow(/--timeout soon/);
  });

  it('lets a workload override defaults but not what the user pinned', () => {
    const req = { set: ['minDurationMs=9000'] };
    const s = resolveSettings(req);
    const job = withOverrides(s, { minDurationMs: 100, minQueryCount: 7 }, 'workload w', pinnedKeys(req));
    expect(job.minDurationMs).toBe(9000);
    expect(job.minQueryCount).toBe(7);
  });

  it('validates suites, runtimes, scenarios and profile with the valid choices in the message', () => {
    expect(() => resolveChoices({ runtimes: ['nope'] }, valid)).toThrow(
      /--runtime: unknown value "nope". Valid values: null, ort-node:cpu/,
    );
    expect(() => resolveChoices({ suites: ['x'] }, valid)).toThrow(/--suite/);
    expect(() => resolveChoices({ scenarios: ['fast'] }, valid)).toThrow(
      /single-stream, multi-stream, server, offline, accuracy/,
    );
    expect(() => resolveChoices({ profile: 'huge' }, valid)).toThrow(/quick, standard, full/);
    expect(resolveChoices({ runtimes: ['null,ort-node:cpu'] }, valid).runtimes).toEqual(['null', 'ort-node:cpu']);
  });
});

describe('flag errors', () => {
  it('name the flag the user typed, not the setting key', () => {
    expect(() =>
      resolveSettings({ flags: { minDurationMs: 'abc' }, flagNames: { minDurationMs: '--min-duration' } }),
    ).toThrow(/^--min-duration abc: bad value for minDurationMs/);
    expect(() => resolveSettings({ timeout: '50ms' })).toThrow(
      /^--timeout 50ms: bad value for timeoutMs: expected a duration of at least 100 ms/,
    );
  });
});
