import { describe, expect, it } from 'vitest';
import { SETTINGS_GROUPS, SETTINGS_SCHEMA, defaultSettings } from '../../harness/config/settings.js';
import { mlbench } from '../helpers/cli.js';

const UNITS = ['ms', 'ns', 'µs', 'qps', 'MiB', 'count', 'tokens', 'ratio', 'percent', '-'];

describe('mlbench list --settings', () => {
  it('shows every key with a documented default, unit and help, generated from the schemas', () => {
    const r = mlbench(['list', '--settings', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const listed = (
      JSON.parse(r.stdout) as {
        settings: Array<{ key: string; group: string; default: unknown; unit: string; help: string }>;
      }
    ).settings;
    expect(listed.map((s) => s.key)).toEqual(Object.keys(SETTINGS_SCHEMA.shape));
    const defaults = defaultSettings() as Record<string, unknown>;
    for (const s of listed) {
      expect(s.default, s.key).not.toBeUndefined();
      expect(s.default, s.key).not.toBeNull();
      expect(s.default, s.key).toEqual(defaults[s.key]);
      expect(UNITS, s.key).toContain(s.unit);
      expect(s.help.length, s.key).toBeGreaterThan(10);
      expect(Object.keys(SETTINGS_GROUPS), s.key).toContain(s.group);
    }
    const text = mlbench(['list', '--settings']).stdout;
    for (const s of listed)
      expect(text).toMatch(
        new RegExp(`\\n\\s+${s.key.replace('.', '\\.')}\\s+${String(s.default).replace('.', '\\.')}\\s+${s.unit}\\s`),
      );
  }, 60_000);
});
