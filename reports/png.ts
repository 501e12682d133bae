/**
 * SVG -> PNG with @resvg/resvg-js (no browser, no native canvas). System fonts are loaded and
 * DejaVu Sans is the default family, matching the font the charts name.
 */
import { Resvg } from '@resvg/resvg-js';

/** Renders an SVG string to PNG bytes at `scale` times its size (2 gives crisp text on HiDPI). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  return resvg.render().asPng();
}
