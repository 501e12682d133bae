/**
 * The one escape function of each output language. Every string that comes from a result file
 * (model names, hostnames, error messages, settings) goes through one of them before it reaches
 * HTML or Markdown.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes text for use anywhere in GitHub-flavoured Markdown, table cells included. GFM renders
 * inline HTML, so `<`, `>` and `&` become entities; the inline syntax characters (\ ` * _ [ ] | ~)
 * are backslash-escaped so a model name cannot turn into a link, an image, code, emphasis or a
 * table cell break; newlines become spaces so a message cannot end a table row. Escaped values are
 * only ever placed inline, never at the start of a line, so line-start syntax (#, -, 1.) needs no escape.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}
