/**
 * `mlbench report <files or folders...> [-o out/report]`: reads result files (a bad one is named
 * and skipped) and writes index.html, summary.md and charts/*.svg|png.
 */
import type { Command } from 'commander';
import path from 'node:path';
import { DEFAULT_OUT_DIR } from '../paths.js';

export const DEFAULT_REPORT_DIR = path.join(DEFAULT_OUT_DIR, 'report');

export function register(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report, a Markdown summary and SVG/PNG charts from result files')
    .argument('<inputs...>', 'result files, or folders searched recursively for *.json result files')
    .option('-o, --output <dir>', 'folder to write the report into', DEFAULT_REPORT_DIR)
    .addHelpText(
      'after',
      `
Writes <dir>/index.html (inline SVG and CSS, opens offline from file://), <dir>/summary.md
(GitHub Markdown for a PR comment) and <dir>/charts/<suite>-<chart>.svg and .png.
Results from several machines are laid side by side; a file that is not a valid result is named
in a warning and skipped.

Examples:
  $ mlbench report out/results                       every result under out/results
  $ mlbench report a.json b.json -o /tmp/rep         two runs, report in /tmp/rep
  $ mlbench report laptop/ ci-runner/ -o out/compare-machines`,
    )
    .action(async (inputs: string[], flags: { output: string }) => {
      const { loadResults, writeReport } = await import('../../reports/index.js');
      const { results, warnings } = await loadResults(inputs);
      for (const w of warnings) process.stderr.write(`mlbench: warning: ${w}\n`);
      const written = await writeReport(results, flags.output, { warnings });
      for (const w of written.warnings.slice(warnings.length)) process.stderr.write(`mlbench: warning: ${w}\n`);
      const charts = written.files.filter((f) => f.endsWith('.svg')).length;
      process.stdout.write(
        `report: ${path.join(flags.output, 'index.html')} (${results.length} result file(s), ${charts} chart(s); summary.md beside it)\n`,
      );
    });
}
