/**
 * Real browser: Debian's Chromium (driven by playwright-core) opens index.html from file://,
 * with no console errors, no request leaving file://, every chart's SVG present and non-empty,
 * the leaderboard within the first screen (1400x900), and screenshots saved under
 * out/test-report/ for a person to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadResults, writeReport } from '../../reports/index.js';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'results');
const SHOT_DIR = path.join(import.meta.dirname, '..', '..', 'out', 'test-report');

const HAVE_CHROMIUM = existsSync(CHROMIUM);

// Skipped on a developer machine without Chromium; in CI a missing browser is a failure, not a silent skip.
describe.runIf(!HAVE_CHROMIUM && Boolean(process.env.CI))('report in a real browser (CI)', () => {
  it('has Chromium', () => {
    expect.fail(
      `CI is set but ${CHROMIUM} is missing: install it (apt-get install chromium) so the report is checked in a real browser.`,
    );
  });
});

describe.skipIf(!HAVE_CHROMIUM)('report in a real browser', () => {
  it('opens from file:// with every chart drawn and no console error', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'mlbench-report-'));
    const { results, warnings } = await loadResults([FIXTURES]);
    const { files } = await writeReport(results, outDir, { warnings });
    const chartNames = files.filter((f) => f.endsWith('.svg')).map((f) => path.basename(f, '.svg'));
    expect(chartNames.length).toBeGreaterThanOrEqual(8);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('request', (req) => {
        if (!req.url().startsWith('file://')) problems.push(`request: ${req.url()}`);
      });
      await page.goto(pathToFileURL(path.join(outDir, 'index.html')).href, { waitUntil: 'load' });

      const drawn = await page.$$eval('figure[data-chart]', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            name: f.getAttribute('data-chart'),
            marks: svg?.querySelectorAll('path, rect, line, text').length ?? 0,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
          };
        }),
      );
      expect(drawn.map((d) => d.name).sort()).toEqual([...chartNames].sort());
      for (const chart of drawn) {
        expect(chart.marks, chart.name ?? '').toBeGreaterThan(10);
        expect(chart.width * chart.height, chart.name ?? '').toBeGreaterThan(100 * 100);
      }
      // The answer first: the first suite's leaderboard, its header and first rows, lies within the first screen.
      const board = await page.$eval('table.leaderboard', (t) => {
        const box = t.getBoundingClientRect();
        const firstRow = t.querySelector('tbody tr:nth-child(2)')?.getBoundingClientRect();
        return {
          top: box.top,
          firstRowBottom: firstRow?.bottom ?? Infinity,
          runtimes: t.querySelectorAll('thead th').length - 1,
        };
      });
      expect(board.top).toBeGreaterThanOrEqual(0);
      expect(board.firstRowBottom).toBeLessThanOrEqual(900);
      expect(board.runtimes).toBeGreaterThanOrEqual(2);
      expect(await page.$eval('section.answer', (s) => s.getBoundingClientRect().top)).toBeLessThan(
        await page.$eval('#runs', (h) => h.getBoundingClientRect().top),
      );

      // The XSS probe is text, never an element.
      expect(await page.$$('img')).toHaveLength(0);
      expect(await page.textContent('body')).toContain('<img src=x onerror=alert(1)>');

      await mkdir(SHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SHOT_DIR, 'report-top.png') });
      await page.screenshot({ path: path.join(SHOT_DIR, 'report-full.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
