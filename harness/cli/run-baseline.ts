/**
 * `mlbench run --baseline <file> [--confirm N]`: the glue between the run command and
 * results/compare/baseline.ts. The baseline and the flags are checked before any job runs (bad input
 * fails fast with exit 2); after the run, jobs beyond the threshold whose baseline this code can
 * reproduce are re-measured on both sides, interleaved; the others are a hint, not a verdict
 * (`mlbench ab` measures both sides). The Markdown summary is written next to the result file.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { SETTINGS } from '../config/settings.js';
import { runJobs } from '../isolate/run-jobs.js';
import type { Job, ProbeResult } from '../types.js';
import type { ResultFile } from '../../results/schema.js';
import { readResult } from '../../results/store.js';
import {
  compareWithBaseline,
  formatBaselineMarkdown,
  formatTerminal,
  resolveCompareOptions,
  type CompareOptions,
} from '../../results/compare/index.js';
import type { RunFlags } from './run.js';

export interface PreparedBaseline {
  baselineFile: string;
  baseline: ResultFile;
  confirm: number;
  options: CompareOptions;
}

/** Validates --baseline, --confirm and the comparison flags and reads the baseline before the run starts; null without --baseline. */
export async function prepareBaseline(flags: RunFlags): Promise<PreparedBaseline | null> {
  if (!flags.baseline) return null;
  const confirm = Number(flags.confirm ?? '8');
  if (!Number.isInteger(confirm) || confirm < 0 || confirm > 100) {
    throw new UsageError('E_BAD_FLAG', `--confirm ${flags.confirm}: expected an integer in [0, 100].`);
  }
  const options = resolveCompareOptions(flags);
  const baseline = await readResult(flags.baseline);
  return { baselineFile: flags.baseline, baseline, confirm, options };
}

/** Compares with the baseline after the run; prints the verdicts, writes `<run-id>.summary.md`, returns 0 or 1. */
export async function finishBaseline(
  gate: PreparedBaseline,
  run: { file: string; result: ResultFile; jobs: Job[]; probes: Record<string, ProbeResult> },
): Promise<number> {
  const log = (m: string) => process.stderr.write(`${m}\n`);
  log(`\ngate: comparing with ${gate.baselineFile}`);
  const outcome = await compareWithBaseline({
    candidate: run.result,
    baseline: gate.baseline,
    jobs: run.jobs,
    confirm: gate.confirm,
    options: gate.options,
    knownSettings: new Set(Object.keys(SETTINGS)),
    runJobs: async (jobs) => {
      log(
        `gate: ${jobs.length} re-measurement run(s), both sides interleaved in a random order, each in a fresh process`,
      );
      return runJobs(jobs, {
        probes: run.probes,
        onDone: (i, r) => {
          log(`  [${i + 1}/${jobs.length}] ${r.status.padEnd(8)} ${r.id}`);
        },
      });
    },
  });
  process.stdout.write(`\n${formatTerminal(outcome.final)}`);
  const modes = Object.values(outcome.modes);
  if (modes.length) {
    const interleaved = modes.filter((m) => m === 'interleaved').length;
    log(
      `gate: ${modes.length} job(s) beyond the threshold: ${interleaved} re-measured on both sides (interleaved), ${modes.length - interleaved} baseline-only (a hint, not a verdict: use mlbench ab to measure both sides)`,
    );
  }
  const summary = path.join(path.dirname(run.file), `${path.basename(run.file, '.json')}.summary.md`);
  await writeFile(summary, formatBaselineMarkdown(outcome));
  process.stdout.write(`gate summary: ${summary}\n`);
  return outcome.regression ? 1 : 0;
}
