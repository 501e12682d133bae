import stripAnsi from 'strip-ansi';

/**
 * The one escape function of each output language: HTML, Markdown and the terminal. Every string
 * that comes from a file (model names, hostnames, error messages, settings) goes through one of
 * them before it is shown.
 */

// C0 controls but tab and newline, DEL, and C1 controls (0x80-0x9f, which some terminals obey):
// never valid in XML, invisible in HTML, and commands on a terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Replaces control characters with U+FFFD, so markup built from a name is well-formed XML. */
export function stripControls(value: unknown): string {
  return String(value ?? '').replace(CONTROL, '\ufffd');
}

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
  return stripControls(value).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes text for use anywhere in GitHub-flavoured Markdown, table cells included. GFM renders
 * inline HTML, so `<`, `>` and `&` become entities; the inline syntax characters (\ ` * _ [ ] | ~)
 * are backslash-escaped so a model name cannot turn into a link, an image, code, emphasis or a
 * table cell break; newlines become spaces so a message cannot end a table row. Escaped values are
 * only ever placed inline, never at the start of a line, so line-start syntax (#, -, 1.) needs no escape.
 */
export function escapeMarkdown(value: unknown): string {
  return stripControls(String(value ?? '').replace(/\r?\n|\r/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/**
 * Makes text safe to print on a terminal: ANSI escape sequences (colours, cursor moves, window
 * titles, OSC 8 links) are removed with strip-ansi, and any control character left is shown as
 * its Unicode control picture (ESC -> U+241B), so a model, dataset or host name cannot recolour,
 * clear or retitle the user's terminal, yet stays visible as odd.
 */
export function escapeTerminal(value: unknown): string {
  return stripAnsi(String(value ?? '')).replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}
