/**
 * `mlbench model <file>`: benchmark any ONNX file on every ONNX-capable runtime, or a
 * TensorFlow.js model.json on every tfjs runtime, through the same pipeline as `mlbench run`
 * (one process per job, a result file, the summary table).
 */
import type { Command } from 'commander';
import { collect } from './options.js';
import { sharedOptions, type MeasureFlags } from './shared-flags.js';

/** A report is written only with --report-dir; --no-report is accepted (and wins) as for `mlbench run`. */
export interface ModelFlags extends MeasureFlags {
  shape?: string[];
  input?: string[];
  inputRange?: string[];
  seq?: string;
}

export function register(program: Command): void {
  const command = program.command('model');
  for (const option of sharedOptions('model')) command.addOption(option);
  command
    .description(
      'benchmark an ONNX file (ort-node:*, ort-web:wasm) or a TensorFlow.js model.json (tfjs:cpu, tfjs:wasm, tfjs-node) and write a result file',
    )
    .argument(
      '<file>',
      'the .onnx model file, or a tfjs model.json (layers or graph model) with its weight shards next to it',
    )
    .option(
      '-r, --runtime <ids>',
      "runtimes, comma-separated or repeated (default: every runtime; those that cannot take the file's format are reported as skipped)",
      collect,
    )
    .option('--scenario <ids>', 'scenarios: single-stream (default), server; a query is one set of the inputs', collect)
    .option('--shape <name=dims>', 'shape of an input with symbolic dims, e.g. input=1x3x224x224 (repeatable)', collect)
    .option(
      '--input <name=value>',
      'fixed value of an input: a number, a string, a JSON array, @file.json or @file.npy (repeatable)',
      collect,
    )
    .option(
      '--input-range <name=lo..hi>',
      'range of generated values of an input, e.g. input_ids=0..30521 (integers inclusive; repeatable)',
      collect,
    )
    .option(
      '--seq <lengths>',
      'encoders with input_ids/attention_mask: one workload per sequence length, e.g. 32,128,512 (attention mask all ones unless --input attention_mask=...)',
    )
    .option('--report-dir <dir>', 'also write a report (index.html, summary.md) to <dir>')
    .option('--no-report', 'write no report (the default for mlbench model unless --report-dir)')
    .option('-v, --verbose', "print each job's LoadGen-style summary")
    .addHelpText(
      'after',
      `
Inputs come from the model's declared names, shapes and dtypes: random (seeded with --set seed=N;
floats in [-1, 1), integers 0/1 unless --input-range, strings short words) unless fixed with
--input. float16 inputs are fed as float16. Symbolic dims named like a batch (batch, N) or on axis
0 default to 1; any other symbolic dim must be set with --shape. The symbolic dims of one name
share a size across inputs. Outputs that are not tensors (a scikit-learn ZipMap) are skipped and
named; external data files are read from the model's folder, whatever the working directory.
Outputs are checked against ort-node:cpu (ONNX) or tfjs:cpu (tfjs models).

Examples:
  $ mlbench model model.onnx                                   every ONNX runtime, single-stream
  $ mlbench model model.onnx --shape input=8x3x224x224         batch 8
  $ mlbench model silero_vad.onnx --shape input=1x512 --input sr=16000
  $ mlbench model model.onnx --input mask=@mask.json --runtime ort-node:cpu,ort-web:wasm
  $ mlbench model model.onnx --scenario server --target-qps 200 --latency-bound 20ms
  $ mlbench model model.onnx --scenario server --find-peak --latency-bound 50ms
  $ mlbench model model.onnx --min-duration 1s --timeout 2m
  $ mlbench model bert.onnx --shape input_ids=1x128 --input-range input_ids=0..30521
  $ mlbench model model.onnx --input pixel_values=@batch.npy
  $ mlbench model my-tfjs-model/model.json --runtime tfjs:cpu,tfjs:wasm
  $ mlbench model bert.onnx --seq 32,128,512 --input-range input_ids=0..30521
  $ mlbench model decoder_model_merged.onnx --scenario single-stream,server --set gen.outputTokens=64

A decoder exported by optimum (input_ids, attention_mask, position_ids, past_key_values.{i}.key/value
-> logits, present.{i}.key/value; merged with use_cache_branch, or decoder_model.onnx with
decoder_with_past_model.onnx beside it) runs as generation: greedy decoding with the KV cache,
exactly gen.outputTokens tokens per request, scored by TTFT and TPOT (scenarios single-stream,
server, offline).`,
    )
    .action(async (file: string, flags: ModelFlags, command: Command) => {
      const { executeModel } = await import('./model-action.js');
      process.exitCode = await executeModel(file, flags, ['model', ...command.args].join(' '));
    });
}
