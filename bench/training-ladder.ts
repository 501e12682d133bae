/**
 * `npm run bench:training`: the benchm-ml side-by-side table on the `standard` profile (flights
 * 10k / 100k / 1m): every tabular job runs in its own process through the CLI, with fixed epochs
 * (train.stopAtTarget=false, so train s is the full training run as in benchm-ml; time-to-target
 * is still recorded). Then the goal check at 1m rows: our best tfjs-backed logistic regression
 * vs scikit-learn's on the same split (AUC within 0.005, training time <= 1.5x). A benchmark,
 * never a test: it prints, and exits 0 whatever the figures are.
 *
 *   npm run bench:training -- [--profile quick|standard|full] [--runtime ids] [--workloads regex]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../harness/paths.js';
import type { ResultFile } from '../results/schema.js';
import { benchmMlTable, ladderRows } from '../harness/train/ladder-table.js';

function arg(name: string, fallback: string | undefined): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The result file this run wrote, from its own `result file: <path>` line (not the newest file in the folder). */
function resultFileOf(stdout: string | null): string | null {
  const matches = [...(stdout ?? '').matchAll(/^result file: (.+)$/gm)];
  const file = matches.at(-1)?.[1]?.trim();
  return file ? path.resolve(PROJECT_ROOT, file) : null;
}

const profile = arg('profile', 'standard')!;
const runtimes = arg('runtime', undefined);
const resultsDir = path.join(PROJECT_ROOT, 'out', 'bench-training');
const cli = [path.join(PROJECT_ROOT, 'bin', 'mlbench.js'), 'run', '--suite', 'tabular', '--profile', profile, '--results-dir', resultsDir, '--no-report', '--set', 'train.stopAtTarget=false'];
if (runtimes) cli.push('--runtime', runtimes);
process.stdout.write(`running: mlbench ${cli.slice(1).join(' ')}\n`);
const run = spawnSync(process.execPath, cli, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', cwd: PROJECT_ROOT });
if (run.status !== 0) process.stdout.write(`mlbench exited ${run.status}\n${run.stdout}`);

const resultFile = resultFileOf(run.stdout);
if (!resultFile || !existsSync(resultFile)) {
  process.stdout.write(`no result file to read: mlbench printed ${resultFile ? `${resultFile}, which does not exist` : "no 'result file:' line"}\n`);
  process.exit(0);
}
const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile;
const pattern = new RegExp(arg('workloads', '.*')!);
const jobs = result.jobs.filter((j) => pattern.test(j.workload));
process.stdout.write(`\n${benchmMlTable(jobs) ?? 'no tabular jobs'}\n\nmachine: ${result.machine.cpu.brand}, ${result.machine.cpu.cores} cores; result file: ${resultFile}\n`);

// Goal check at the largest size present: best tfjs LR (highest AUC, then fastest) vs scikit-learn.
const rows = ladderRows(jobs).filter((r) => r.model === 'logreg' && r.auc !== null && r.trainSeconds !== null);
const size = ['full', '1m', '100k', '10k'].find((s) => rows.some((r) => r.size === s && r.runtime.includes('sklearn')));
if (!size) {
  process.stdout.write('\ngoal check: no scikit-learn row (apt-get install python3-sklearn python3-xgboost)\n');
} else {
  const sk = rows.find((r) => r.size === size && r.runtime.includes('sklearn'))!;
  const ours = rows.filter((r) => r.size === size && r.runtime.startsWith('tfjs')).sort((a, b) => b.auc! - a.auc! || a.trainSeconds! - b.trainSeconds!);
  for (const r of ours) {
    const dAuc = r.auc! - sk.auc!;
    const ratio = r.trainSeconds! / sk.trainSeconds!;
    process.stdout.write(`goal check ${size}: ${r.runtime} LR AUC ${r.auc!.toFixed(4)} vs scikit-learn ${sk.auc!.toFixed(4)} (diff ${dAuc.toFixed(4)}, goal >= -0.005: ${dAuc >= -0.005 ? 'met' : 'missed'}); train ${r.trainSeconds!.toFixed(2)} s vs ${sk.trainSeconds!.toFixed(2)} s (x${ratio.toFixed(2)}, goal <= 1.5: ${ratio <= 1.5 ? 'met' : 'missed'})\n`);
  }
}
