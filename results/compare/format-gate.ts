/** Markdown summary of a gate run (`summary.md`): the final verdicts, then how flagged jobs were re-measured. */
import { escapeMarkdown } from '../../harness/common/escape.js';
import { formatMarkdown } from './format-markdown.js';
import type { GateResult } from './gate.js';

/** Renders the gate's outcome as GitHub Markdown. */
export function formatGateMarkdown(gate: GateResult): string {
  const lines = [formatMarkdown(gate.final)];
  const flagged = Object.keys(gate.modes);
  if (gate.confirmation && flagged.length) {
    lines.push('#### Re-measurement of flagged jobs', '');
    lines.push('| job | how | outcome |', '|---|---|---|');
    for (const key of flagged) {
      lines.push(`| ${escapeMarkdown(key)} | ${gate.modes[key]} | ${gate.confirmed.includes(key) ? ':red_circle: confirmed' : ':white_check_mark: not confirmed'} |`);
    }
    lines.push('', '<details><summary>Comparison of the re-measurements</summary>', '', formatMarkdown(gate.confirmation), '</details>', '');
  }
  return lines.join('\n');
}
