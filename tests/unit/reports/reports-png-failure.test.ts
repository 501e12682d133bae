import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtures, RUN_A1 } from './helpers.js';

// The PNG of the runtime comparison fails; every other chart converts.
vi.mock('../../../reports/png.js', () => ({
  svgToPng: (svg: string) => {
    if (svg.includes('Runtime comparison')) throw new Error('resvg: out of memory');
    return Uint8Array.of(0x89, 0x50, 0x4e, 0x47);
  },
}));

describe('writeReport PNG failures', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns a failed PNG into a warning, keeps the SVG and the rest of the report', async () => {
    // The unit lane shares modules across files: drop a write-report.js another file bound to the real png.js.
    vi.resetModules();
    const { writeReport } = await import('../../../reports/write-report.js');
    dir = mkdtempSync(path.join(os.tmpdir(), 'mlbench-png-'));
    const { files, warnings } = await writeReport(await fixtures(RUN_A1), dir);
    const failed = warnings.filter((w) => /PNG left out/.test(w));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((w) => /runtime-comparison: PNG left out.*out of memory/.test(w))).toBe(true);
    const name = failed[0]!.match(/chart (\S+):/)![1]!;
    expect(existsSync(path.join(dir, 'charts', `${name}.svg`))).toBe(true);
    expect(existsSync(path.join(dir, 'charts', `${name}.png`))).toBe(false);
    expect(files.some((f) => f.endsWith('-latency-distribution.png'))).toBe(true);
    const md = readFileSync(path.join(dir, 'summary.md'), 'utf8');
    expect(md).toContain(`(charts/${name}.svg)`);
    expect(md).toContain('PNG left out');
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('PNG left out');
  });
});
