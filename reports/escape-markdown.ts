/**
 * The one escape function of the Markdown reporter. GitHub-flavoured Markdown renders inline
 * HTML, so `<`, `>` and `&` become entities; the inline Markdown syntax characters
 * (\ ` * _ [ ] | ~) are backslash-escaped so a model name cannot turn into a link, an image,
 * code, emphasis or a table cell break; newlines become spaces so a message cannot end a table
 * row. Escaped values are only ever placed inline (table cells, after a fixed prefix), never at
 * the start of a line, so line-start syntax (#, -, 1.) needs no escape.
 */

/** Escapes text for use anywhere in GitHub-flavoured Markdown, table cells included. */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}
