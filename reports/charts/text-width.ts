/**
 * Text width for vega's layout in Node. Without a canvas package vega estimates 0.8 em per
 * character, far wider than DejaVu Sans, so axis labels truncate early and legends waste space.
 * This uses the advance widths of DejaVu Sans (the font every chart names) for printable ASCII,
 * in thousandths of an em, read once from the installed font with resvg; bold text is taken as
 * 10% wider and characters outside ASCII as 1 em (a safe overestimate). Written here because no
 * font-metrics package is installed and the table is one line.
 */
const DEJAVU_SANS_ASCII_PER_MILLE = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 316, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 709, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 595, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 344, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 395, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];
const MIDDLE_DOT_PER_MILLE = 318;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
  text?: unknown;
}

/** Width in px of `text` in DejaVu Sans at the item's font size and weight. */
export function dejaVuTextWidthPx(item: TextItem, text?: unknown): number {
  const size = item.fontSize ?? 11;
  const s = String(text ?? item.text ?? '').trim();
  let perMille = 0;
  for (const c of s) {
    const code = c.codePointAt(0)!;
    perMille +=
      code >= 32 && code < 127 ? DEJAVU_SANS_ASCII_PER_MILLE[code - 32]! : c === '·' ? MIDDLE_DOT_PER_MILLE : 1000;
  }
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  return (perMille / 1000) * size * (bold ? 1.1 : 1);
}
