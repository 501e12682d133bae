/**
 * The CLI entry point and its one catch: typed errors become exit codes here and nowhere else.
 * Each command lives in its own file and registers itself; the heavy modules a command needs
 * are imported inside its action, so `mlbench --help` stays fast.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, errorCode, errorMessage } from '../errors.js';
import { escapeTerminal } from '../common/escape.js';
import { TOOL_VERSION } from '../paths.js';
import { register as registerRun } from './run.js';
import { register as registerList } from './list.js';
import { register as registerInfo } from './info.js';
import { register as registerCompare } from './compare.js';
import { register as registerAb } from './ab.js';
import { register as registerDatasets } from './datasets.js';
import { register as registerReport } from './report.js';
import { register as registerModel } from './model.js';
import { register as registerExport } from './export.js';
import { register as registerMerge } from './merge.js';
import { register as registerHistory } from './history.js';
import { register as registerDoctor } from './doctor.js';

/** Commands in the order `--help` lists them. Add a command by adding its register function. */
const COMMANDS: Array<(program: Command) => void> = [
  registerRun,
  registerList,
  registerInfo,
  registerCompare,
  registerAb,
  registerDatasets,
  registerReport,
  registerModel,
  registerExport,
  registerMerge,
  registerHistory,
  registerDoctor,
];

export function buildProgram(): Command {
  const program = new Command('mlbench')
    .description(
      'Benchmark machine-learning workloads in Node.js: training and MLPerf-style inference across runtimes.',
    )
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of COMMANDS) register(program);
  program.addHelpText(
    'after',
    `
Examples:
  $ mlbench run                                  run the default suites, quick profile
  $ mlbench run --suite smoke --runtime null     one suite on the deterministic null runtime
  $ mlbench list                                 suites, workloads and runtimes on this machine
  $ mlbench info --json                          this machine's metadata as JSON
  $ mlbench export out/results --format bmf      results for Bencher (or github-action-benchmark, loadgen, csv)
  $ mlbench history out/results                  trends across runs and the regressions among them`,
  );
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const exitCode = (err as { exitCode?: unknown }).exitCode;
    const code = errorCode(err);
    if (typeof exitCode === 'number') {
      process.stderr.write(`mlbench: error ${code}: ${escapeTerminal(errorMessage(err))}\n`);
      return exitCode;
    }
    process.stderr.write(
      `mlbench: internal error ${code}: ${escapeTerminal(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`,
    );
    return EXIT.internal;
  }
}
