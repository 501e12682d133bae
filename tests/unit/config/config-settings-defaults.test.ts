import { describe, expect, it } from 'vitest';
import { SETTINGS, SETTINGS_GROUPS, SETTINGS_SCHEMA } from '../../../harness/config/settings.js';
import { scanSources } from '../../helpers/source-scan.js';

/** Source folders whose code reads settings; harness/config is where the schemas (and defaults) live. */
const SCANNED = ['harness', 'suites', 'bench', 'datasets', 'results', 'reports'];
const KEYS = Object.keys(SETTINGS);

/**
 * Defaults written where a setting is read: `settings.x ?? 100`, `settings['k'] || 'dir'`,
 * `settings['train.serve'] !== false` (an implied default), `Number(settings.x)` / `settings.x as
 * number` (an untyped read), or a string default such as 'out/cache' spelled out again.
 */
export function defaultsOutsideSchemas(code: string): string[] {
  const found: string[] = [];
  const read = /\bsettings(?:\?\.|\.)(\w+)|\bsettings\[(['"])([^'"]+)\2\]/g;
  for (const m of code.matchAll(read)) {
    const key = m[1] ?? m[3]!;
    if (!KEYS.includes(key)) continue;
    const before = code.slice(Math.max(0, m.index - 40), m.index);
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (/^\s*(\?\?|\|\|)/.test(after)) found.push(`${m[0]} with a fallback`);
    if (/^\s*[!=]==\s*(true|false)\b/.test(after)) found.push(`${m[0]} compared with a boolean (an implied default)`);
    if (/^\s+as\s/.test(after) || /Number\([\w.?]*$/.test(before)) found.push(`${m[0]} cast`);
  }
  for (const def of Object.values(SETTINGS)) {
    if (typeof def.default === 'string' && def.default.includes('/') && code.includes(`'${def.default}'`))
      found.push(`the default '${def.default}' spelled out`);
  }
  return found;
}

describe('settings defaults live only in the schemas', () => {
  it('no source outside harness/config writes a setting default where it reads one', () => {
    const offences = scanSources(SCANNED, defaultsOutsideSchemas, (rel) => rel.startsWith('harness/config/'));
    expect(offences).toEqual([]);
  });

  it('the scan finds the patterns it is meant to find', () => {
    expect(defaultsOutsideSchemas("cacheDir: String(job.settings.cacheDir ?? 'out/cache')")).toHaveLength(2);
    expect(defaultsOutsideSchemas("if (job.settings['train.serve'] !== false) serve();")).toHaveLength(1);
    expect(defaultsOutsideSchemas('const repeats = Number(input.settings.repeat);')).toHaveLength(1);
    expect(defaultsOutsideSchemas('const n = settings.batchSize as number;')).toHaveLength(1);
    expect(
      defaultsOutsideSchemas("const { cacheDir } = settings; const q = settings['null.latencyUs'] * 1000;"),
    ).toEqual([]);
  });

  it('the default of each setting validates against its own schema', () => {
    for (const [key, def] of Object.entries(SETTINGS))
      expect(def.schema.safeParse(def.default).success, key).toBe(true);
  });

  it('the groups hold every key once, in the order of the flat schema', () => {
    const grouped = Object.values(SETTINGS_GROUPS).flatMap((g) => Object.keys(g.shape));
    expect(grouped).toEqual(Object.keys(SETTINGS_SCHEMA.shape));
    expect(new Set(grouped).size).toBe(grouped.length);
  });
});
