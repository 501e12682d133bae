/** The compare output formats: one formatter per file, one registry here. */
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatTerminal } from './format-terminal.js';
import type { Comparison } from './types.js';

export type CompareFormat = 'terminal' | 'md' | 'json';
export const COMPARE_FORMATS: readonly CompareFormat[] = ['terminal', 'md', 'json'];

/** Formatters by name. */
export const FORMATTERS: Record<CompareFormat, (c: Comparison) => string> = {
  terminal: formatTerminal,
  md: formatMarkdown,
  json: formatJson,
};
