/**
 * `mlbench model <file.onnx>`: benchmark any ONNX file on every ONNX-capable runtime, through
 * the same pipeline as `mlbench run` (one process per job, a result file, the summary table).
 */
import type { Command } from 'commander';
import { collect } from './options.js';

export interface ModelFlags {
  runtime?: string[];
  scenario?: string[];
  shape?: string[];
  input?: string[];
  resultsDir?: string;
  timeout?: string;
  set?: string[];
  minDuration?: string;
  minQueries?: string;
  targetQps?: string;
  latencyBound?: string;
  failOnError?: boolean;
  verbose?: boolean;
}

export function register(program: Command): void {
  program.command('model')
    .description('benchmark an ONNX file on every ONNX-capable runtime (ort-node:*, ort-web:wasm) and write a result file')
    .argument('<file>', 'the .onnx model file')
    .option('-r, --runtime <ids>', 'runtimes, comma-separated or repeated (default: every runtime; those that cannot take ONNX files are reported as skipped)', collect)
    .option('--scenario <ids>', 'scenarios: single-stream (default), server; a query is one set of the inputs', collect)
    .option('--shape <name=dims>', 'shape of an input with symbolic dims, e.g. input=1x3x224x224 (repeatable)', collect)
    .option('--input <name=value>', 'fixed value of an input: a number, a JSON array, or @file.json (repeatable)', collect)
    .option('--results-dir <dir>', 'where result files go: <dir>/<machine-id>/<run-id>.json', 'out/results')
    .option('--timeout <duration>', 'per-job timeout, e.g. 30s or 5m; a bare number is ms')
    .option('--set <key=value>', 'override any setting (repeatable); `mlbench list --settings` lists them', collect)
    .option('--min-duration <duration>', 'measure at least this long, e.g. 2s or 500ms; a bare number is ms (minDurationMs)')
    .option('--min-queries <n>', 'measure at least this many queries (minQueryCount)')
    .option('--target-qps <qps>', 'server scenario: Poisson arrival rate (targetQps)')
    .option('--latency-bound <duration>', 'server scenario: p99 latency bound, e.g. 10ms or 500us; a bare number is ns (latencyBoundNs)')
    .option('--fail-on-error', 'exit 1 when any job failed, crashed, timed out or ran out of memory')
    .option('-v, --verbose', 'print each job\'s LoadGen-style summary')
    .addHelpText('after', `
Inputs come from the model's declared names, shapes and dtypes: random (seeded with --set seed=N)
unless fixed with --input. Symbolic dims named like a batch (batch, N) or on axis 0 default to 1;
any other symbolic dim must be set with --shape. The symbolic dims of one name share a size
across inputs.

Examples:
  $ mlbench model model.onnx                                   every ONNX runtime, single-stream
  $ mlbench model model.onnx --shape input=8x3x224x224         batch 8
  $ mlbench model silero_vad.onnx --shape input=1x512 --input sr=16000
  $ mlbench model model.onnx --input mask=@mask.json --runtime ort-node:cpu,ort-web:wasm
  $ mlbench model model.onnx --scenario server --target-qps 200 --latency-bound 20ms
  $ mlbench model model.onnx --min-duration 1s --timeout 2m`)
    .action(async (file: string, flags: ModelFlags, command: Command) => {
      const { executeModel } = await import('./model-action.js');
      process.exitCode = await executeModel(file, flags, ['model', ...command.args].join(' '));
    });
}
