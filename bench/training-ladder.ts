/**
 * `npm run bench:training`: the benchm-ml side-by-side table on the `standard` profile (flights
 * 10k / 100k / 1m): every tabular job runs in its own process through the CLI and trains fully
 * (train s is the whole run for every tool; time-to-target is its own column). The flights
 * split caches are prepared first, so no job's peak RSS includes building them. Then the goal
 * checks at the largest size with a scikit-learn row: each tfjs LR vs scikit-learn's LR on the
 * same rows (AUC within 0.003, train time <= 1.5x, from this one run) and each tfjs MLP vs
 * scikit-learn's LR AUC. A benchmark, never a test: it prints, and exits 0 whatever the figures.
 *
 *   npm run bench:training -- [--profile quick|standard|full] [--runtime ids] [--workloads regex]
 */
import { describeRuntime } from '../harness/runtimes/index.js';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../harness/paths.js';
import type { ResultFile } from '../results/schema.js';
import { FLIGHTS_PROFILE_SLICES } from '../datasets/flights/split.js';
import { loadRawSplit } from '../datasets/tabular/load-split.js';
import type { Profile } from '../harness/types.js';
import { benchmMlTable, ladderRows, type LadderRow } from '../harness/train/ladder-table.js';

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
const cli = [
  path.join(PROJECT_ROOT, 'bin', 'mlbench.js'),
  'run',
  '--suite',
  'tabular',
  '--profile',
  profile,
  '--results-dir',
  resultsDir,
  '--no-report',
];
const cacheDir = path.join(PROJECT_ROOT, 'out', 'cache');
for (const slice of FLIGHTS_PROFILE_SLICES[profile as Profile] ?? []) {
  process.stdout.write(`preparing flights ${slice} (raw split cache)\n`);
  await loadRawSplit('flights', slice, { cacheDir });
}
if (runtimes) cli.push('--runtime', runtimes);
process.stdout.write(`running: mlbench ${cli.slice(1).join(' ')}\n`);
const run = spawnSync(process.execPath, cli, {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  cwd: PROJECT_ROOT,
});
if (run.status !== 0) process.stdout.write(`mlbench exited ${run.status}\n${run.stdout}`);

const resultFile = resultFileOf(run.stdout);
if (!resultFile || !existsSync(resultFile)) {
  process.stdout.write(
    `no result file to read: mlbench printed ${resultFile ? `${resultFile}, which does not exist` : "no 'result file:' line"}\n`,
  );
  process.exit(0);
}
const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ResultFile;
const pattern = new RegExp(arg('workloads', '.*')!);
const jobs = result.jobs.filter((j) => pattern.test(j.workload));
process.stdout.write(
  `\n${benchmMlTable(jobs) ?? 'no tabular jobs'}\n\nmachine: ${result.machine.cpu.brand}, ${result.machine.cpu.cores} cores; result file: ${resultFile}\n`,
);

// Goal checks at the largest size with a scikit-learn LR row, all figures from this one run.
const rows = ladderRows(jobs).filter((r) => r.auc !== null && r.trainSeconds !== null);
const isSklearnLr = (r: LadderRow) => r.model === 'logreg' && r.runtime.includes('sklearn_logreg');
const size = ['full', '1m', '100k', '10k'].find((s) => rows.some((r) => r.size === s && isSklearnLr(r)));
if (!size) {
  process.stdout.write(
    '\ngoal check: no scikit-learn LR row (apt-get install python3-sklearn python3-xgboost; reasons in the result file)\n',
  );
} else {
  const sk = rows.find((r) => r.size === size && isSklearnLr(r))!;
  const tfjs = rows.filter((r) => r.size === size && describeRuntime(r.runtime)?.family === 'tfjs');
  for (const r of tfjs.filter((t) => t.model === 'logreg')) {
    const dAuc = r.auc! - sk.auc!;
    const ratio = r.trainSeconds! / sk.trainSeconds!;
    process.stdout.write(
      `goal check ${size}: ${r.runtime} LR AUC ${r.auc!.toFixed(4)} vs scikit-learn LR ${sk.auc!.toFixed(4)} (diff ${dAuc.toFixed(4)}, goal >= -0.003: ${dAuc >= -0.003 ? 'met' : 'missed'}); train ${r.trainSeconds!.toFixed(2)} s vs ${sk.trainSeconds!.toFixed(2)} s (x${ratio.toFixed(2)}, goal <= 1.5: ${ratio <= 1.5 ? 'met' : 'missed'})\n`,
    );
  }
  const gbt = rows.find((r) => r.size === size && r.model === 'gbt');
  for (const r of tfjs.filter((t) => t.model === 'mlp')) {
    process.stdout.write(
      `goal check ${size}: ${r.runtime} MLP AUC ${r.auc!.toFixed(4)} vs scikit-learn LR ${sk.auc!.toFixed(4)} (goal >=: ${r.auc! >= sk.auc! ? 'met' : 'missed'}${gbt ? `; stretch: xgboost ${gbt.auc!.toFixed(4)}, ${r.auc! >= gbt.auc! ? 'met' : 'missed'}` : ''})\n`,
    );
  }
}
