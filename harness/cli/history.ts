/**
 * `mlbench history <results-dir>`: every run under the folder, ordered by commit (when each run
 * recorded a git commit the local history knows) or by start time; a trend per job x metric;
 * steps found by a penalised piecewise-constant fit (results/history/step-detect.ts); the
 * regressions and improvements as JSON and Markdown; the report with the history trend chart.
 */
import type { Command } from 'commander';

interface HistoryFlags {
  output: string;
  threshold: string;
  json?: boolean;
  report?: boolean;
  failOnRegression?: boolean;
}

/** Commit -> position (oldest first) in the history of the git checkout in `cwd`; undefined without one. */
async function commitOrder(cwd: string): Promise<Map<string, number> | undefined> {
  const { execFile } = await import('node:child_process');
  const text = await new Promise<string | null>((resolve) => {
    execFile(
      'git',
      ['rev-list', '--topo-order', '--reverse', '--all'],
      { cwd, timeout: 10_000, maxBuffer: 64 << 20 },
      (err, stdout) => resolve(err ? null : stdout),
    );
  });
  return text
    ? new Map(
        text
          .split('\n')
          .filter(Boolean)
          .map((sha, i) => [sha, i]),
      )
    : undefined;
}

export function register(program: Command): void {
  program
    .command('history')
    .description(
      'trends of every job x metric across runs, with step detection: a regressions list (JSON, Markdown) and the trend chart',
    )
    .argument('<inputs...>', 'a results folder (searched recursively for *.json result files) or result files')
    .option('-o, --output <dir>', 'where history.json, regressions.md and report/ go', 'out/history')
    .option('--threshold <pct>', 'smallest change of level reported as a step, in % (default 5)', '5')
    .option('--json', 'print the JSON instead of the Markdown')
    .option('--no-report', 'do not write the HTML/Markdown report with the trend chart')
    .option('--fail-on-regression', 'exit 1 when a regression is found')
    .addHelpText(
      'after',
      `
Runs are ordered by commit when every run recorded one (mlbench records HEAD and a dirty flag when
it runs in a git checkout) and this checkout's history has them; otherwise by start time. Each
machine is its own history. A step is a change of level found by a piecewise-constant L1 fit with
a penalised number of levels (asv-style), confirmed by at least 3 runs on each side, and larger
than --threshold.

Examples:
  $ mlbench history out/results                    regressions.md to stdout, files in out/history
  $ mlbench history out/results --threshold 10 --json
  $ mlbench history ci-results/ -o out/history --no-report --fail-on-regression`,
    )
    .action(async (inputs: string[], flags: HistoryFlags) => {
      const path = await import('node:path');
      const { UsageError } = await import('../errors.js');
      const { buildHistory, historyMarkdown, loadResults } = await import('../../results/index.js');
      const { writeFileAtomic } = await import('../common/atomic-write.js');
      const threshold = Number(flags.threshold.replace(/%$/, ''));
      if (!Number.isFinite(threshold) || threshold < 0)
        throw new UsageError(
          'E_BAD_FLAG',
          `--threshold ${flags.threshold}: expected a percentage >= 0, e.g. --threshold 5.`,
        );
      const { results, warnings } = await loadResults(inputs);
      for (const w of warnings) process.stderr.write(`mlbench: warning: ${w}\n`);
      const history = buildHistory(results, {
        threshold: threshold / 100,
        commitOrder: await commitOrder(process.cwd()),
      });
      const markdown = historyMarkdown(history);
      await writeFileAtomic(path.join(flags.output, 'history.json'), `${JSON.stringify(history, null, 2)}\n`);
      await writeFileAtomic(path.join(flags.output, 'regressions.md'), markdown);
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ regressions: history.regressions, improvements: history.improvements, notComparable: history.notComparable }, null, 2)}\n`
          : markdown,
      );
      if (flags.report !== false) {
        const { writeReport } = await import('../../reports/index.js');
        await writeReport(results, path.join(flags.output, 'report'), { warnings });
      }
      process.stderr.write(
        `history: ${path.join(flags.output, 'history.json')}, regressions.md${flags.report !== false ? ', report/index.html' : ''} (${history.runs.length} runs, ${history.regressions.length} regression(s))\n`,
      );
      if (flags.failOnRegression && history.regressions.length) process.exitCode = 1;
    });
}
