/**
 * vega-lite spec -> SVG text, in Node: compile with vega-lite, run a headless vega View
 * (renderer 'none') and serialise with toSVG(). vega escapes text content in its SVG output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import { dejaVuTextWidthPx } from './text-width.js';
import { stripControls } from '../../harness/common/escape.js';

let metricsInstalled: Promise<void> | null = null;

interface ScenegraphModule {
  textMetrics?: { width: typeof dejaVuTextWidthPx };
}

/**
 * Replaces vega's 0.8 em-per-character estimate with DejaVu Sans widths (see text-width.ts) in
 * every copy of vega-scenegraph that vega loads: npm may nest several versions (one under
 * vega-view renders the SVG, the top-level one computes bounds), and each has its own
 * textMetrics. A copy that cannot be found keeps vega's estimate, which only wastes space.
 */
function installTextMetrics(): Promise<void> {
  metricsInstalled ??= (async () => {
    const copies: ScenegraphModule[] = [vega as unknown as ScenegraphModule];
    const require = createRequire(import.meta.url);
    const vegaDir = path.dirname(path.dirname(require.resolve('vega')));
    const vegaPackage = JSON.parse(readFileSync(path.join(vegaDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const owners = [
      vegaDir,
      ...Object.keys(vegaPackage.dependencies ?? {}).map((dep) => path.join(vegaDir, '..', dep)),
    ];
    for (const owner of owners) {
      const nested = path.join(owner, 'node_modules', 'vega-scenegraph', 'build', 'vega-scenegraph.js');
      if (existsSync(nested)) copies.push((await import(pathToFileURL(nested).href)) as ScenegraphModule);
    }
    for (const copy of copies) if (copy.textMetrics) copy.textMetrics.width = dejaVuTextWidthPx;
  })();
  return metricsInstalled;
}

/** Renders a vega-lite spec to an SVG string (throws on an invalid spec). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  await installTextMetrics();
  // Warnings go nowhere: a report is not the place for vega-lite's layout notes on stderr.
  const compiled = vl.compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    // vega escapes markup but keeps control characters, which XML forbids (a name may hold any).
    return stripControls(await view.toSVG());
  } finally {
    view.finalize();
  }
}
