/**
 * `npm run bench:precision`: the precision proof. Runs the `precision` suite (MobileNet-like at
 * fp32, fp16, int8; BERT-style at fp32, fp16, int8, int8w) at the standard profile on
 * ort-node:cpu and ort-web:wasm, single-stream, and prints per model the precision x runtime
 * table: median latency, x vs fp32 on the same runtime, and the error against the float64
 * reference beside each precision's stated bound, with top-1 agreement (reports/precision-table.ts).
 * `--quick`: the quick profile (CI-sized models, under two minutes) to prove it end to end.
 * Other arguments go to `mlbench run`. Standard takes about 4-5 minutes on a quiet 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseResult } from '../results/store.js';
import { buildReportModel } from '../reports/model.js';
import { precisionTablesMarkdown } from '../reports/precision-table-md.js';
import { PROJECT_ROOT } from '../harness/paths.js';

const quick = process.argv.includes('--quick');
const extra = process.argv.slice(2).filter((a) => a !== '--quick');
const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-bench-precision-'));
const args = [
  'run',
  '--suite',
  'precision',
  '--profile',
  quick ? 'quick' : 'standard',
  '--runtime',
  'ort-node:cpu,ort-web:wasm',
  '--results-dir',
  dir,
  '--no-report',
  ...extra,
];
const started = Date.now();
const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'mlbench.js'), ...args], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (run.status !== 0) process.exit(run.status ?? 1);

const machine = readdirSync(dir)[0]!;
const file = path.join(dir, machine, readdirSync(path.join(dir, machine))[0]!);
const result = parseResult(readFileSync(file, 'utf8'), file);
const model = buildReportModel([{ file, result }]);
const tables = model.precisionTables ?? [];
if (!tables.length) {
  process.stderr.write('bench:precision: no model ran at two precisions; see the result file\n');
  process.exit(1);
}
process.stdout.write(`\n${precisionTablesMarkdown(tables).join('\n')}\n`);
const outside = result.jobs
  .filter((j) => j.precision && !j.precision.withinBound)
  .map(
    (j) =>
      `${j.workload} on ${j.runtime.id}:${j.runtime.backend}: error ${j.precision!.normalizedMaxError.toExponential(2)} > bound ${j.precision!.bound.toExponential(2)}`,
  );
process.stdout.write(
  `${outside.length ? `OUTSIDE THE STATED BOUND:\n${outside.join('\n')}\n` : "every measured error is within its precision's stated bound\n"}`,
);
process.stdout.write(
  `profile ${quick ? 'quick' : 'standard'}, ${result.jobs.length} jobs in ${((Date.now() - started) / 1000).toFixed(0)} s; result file: ${file}\n`,
);
