/**
 * `mlbench report` end to end through the built CLI: two runs plus a truncated file in, a
 * self-contained index.html, summary.md and charts out; the truncated file is named and skipped;
 * the XSS model name stays text in HTML and Markdown.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, ROOT, tempDir } from '../helpers/cli.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'results');
const XSS = '<img src=x onerror=alert(1)>';

describe('mlbench report', () => {
  it('writes the report from two runs and skips a truncated file with a warning', () => {
    const out = path.join(tempDir(), 'rep');
    const r = mlbench([
      'report',
      path.join(FIXTURES, 'machine-a', '2025-01-10T09-00-00Z-r1.json'),
      path.join(FIXTURES, 'machine-a', '2025-01-12T09-00-00Z-r2.json'),
      path.join(FIXTURES, 'bad', 'truncated.json'),
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: skipped .*truncated\.json: not valid JSON.*truncated/);
    expect(r.stdout).toContain(path.join(out, 'index.html'));

    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(8);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|iframe|img)\b/i);
    expect(html).not.toMatch(/url\(\s*["']?https?:/i);
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('truncated.json');

    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md).not.toContain(XSS);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('## Machines');

    const charts = readdirSync(path.join(out, 'charts'));
    const svgs = charts.filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(8);
    for (const svg of svgs) expect(existsSync(path.join(out, 'charts', svg.replace(/\.svg$/, '.png')))).toBe(true);
    for (const png of charts.filter((f) => f.endsWith('.png'))) {
      expect(
        readFileSync(path.join(out, 'charts', png))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
  });

  it('reads folders recursively and exits 2 when nothing valid is left', () => {
    const ok = mlbench([
      'report',
      path.join(FIXTURES, 'machine-a'),
      path.join(FIXTURES, 'machine-b'),
      '-o',
      path.join(tempDir(), 'rep'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/3 result file\(s\)/);

    const bad = mlbench(['report', path.join(FIXTURES, 'bad'), '-o', path.join(tempDir(), 'rep')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/E_RESULT_FILE: no valid result file/);
    expect(bad.stderr).toMatch(/future-version\.json: schemaVersion 99/);

    const missing = mlbench(['report', path.join(FIXTURES, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-folder: no such file or folder/);
  });
});
