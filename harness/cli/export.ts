/**
 * `mlbench export`, two forms:
 * - results: `mlbench export <result files or folders...> --format bmf|github-action-benchmark|loadgen|csv`
 *   writes them in a format other tools read (results/export: one exporter per format);
 * - a model: `mlbench export --model <zoo arch | trained .json> -o model.onnx` writes an ONNX file
 *   through the one ONNX writer every job uses. The older `mlbench export <model> -o x.onnx`
 *   (no --format) still means the model form. For the zoo transformers (gpt, bert) an -o that
 *   does not end in .onnx is a model folder transformers.js loads (models/transformer/hf-folder.ts).
 */
import type { Command } from 'commander';
import type { ResolvedTransformer } from '../arch.js';
import { collect } from './options.js';

export interface ExportFlags {
  format?: string;
  model?: string;
  output?: string;
  param?: string[];
  seed: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'export result files for Bencher, github-action-benchmark, LoadGen-style readers or benchm-ml CSV; or a model as ONNX (--model)',
    )
    .argument('[inputs...]', 'result files, or folders searched for *.json result files (with --format)')
    .option('-f, --format <format>', 'bmf | github-action-benchmark | loadgen | csv')
    .option(
      '-o, --output <path>',
      'with --format: a file (one-file formats) or a folder (default: stdout for one file, out/export/<format> for several); with --model: the .onnx file, or for gpt/bert a folder (config.json, onnx/model.onnx, tokenizer.json) that transformers.js loads',
    )
    .option(
      '--model <model>',
      'a zoo architecture (logreg, mlp, lenet, mobilenet, resnet, gpt, bert) or a trained model file (out/models/<hash>.json)',
    )
    .option(
      '--param <key=value>',
      '--model zoo parameter, e.g. width=16 or resolution=64, or precision=fp16|int8|int8w (repeatable)',
      collect,
    )
    .option('--seed <n>', '--model: seed of the zoo weights', '42')
    .addHelpText(
      'after',
      `
Formats (--format):
  bmf                      Bencher Metric Format JSON: latency (ns), throughput, peak-rss, train-seconds, auc...
                           with lower/upper values from 95% CIs   -> bencher run --adapter json --file bmf.json
  github-action-benchmark  customSmallerIsBetter.json and customBiggerIsBetter.json (one per direction)
  loadgen                  <job>/mlperf_log_summary.txt and mlperf_log_detail.txt per inference job, LoadGen's
                           key names (LoadGen-style, not an MLPerf result)
  csv                      the benchm-ml training table: Tool, n, Time (sec), RAM (GB), AUC, then Model, ...

Examples:
  $ mlbench export out/results/<machine>/<run>.json --format bmf -o bmf.json
  $ mlbench export out/results --format github-action-benchmark -o out/gab
  $ mlbench export run.json --format loadgen -o out/loadgen
  $ mlbench export run.json --format csv > benchm-ml.csv
  $ mlbench export --model mobilenet --param resolution=64 --param width=16 -o mobilenet.onnx
  $ mlbench export --model out/models/3f2a9c.json -o flights-logreg.onnx
  $ mlbench export --model gpt --param layers=2 --param hidden=64 --param heads=2 -o models/zoo-gpt
      a transformers.js model folder: env.localModelPath = 'models', from_pretrained('zoo-gpt')`,
    )
    .action(async (inputs: string[], flags: ExportFlags) => {
      const { UsageError } = await import('../errors.js');
      if (flags.format !== undefined && flags.model !== undefined)
        throw new UsageError('E_USAGE', '--format exports result files and --model exports a model; give one of them.');
      if (flags.format !== undefined) return exportResults(inputs, flags);
      const model = flags.model ?? (inputs.length === 1 ? inputs[0] : undefined);
      if (model === undefined || (flags.model !== undefined && inputs.length)) {
        throw new UsageError(
          'E_USAGE',
          'export: give result files with --format bmf|github-action-benchmark|loadgen|csv, or --model <name> -o model.onnx.',
        );
      }
      return exportModel(model, flags);
    });
}

async function exportResults(inputs: string[], flags: ExportFlags): Promise<void> {
  const path = await import('node:path');
  const { UsageError, unknownChoice } = await import('../errors.js');
  const { EXPORTERS, loadResults } = await import('../../results/index.js');
  const { writeFileAtomic } = await import('../common/atomic-write.js');
  const exporter = EXPORTERS[flags.format!];
  if (!exporter) throw unknownChoice('E_BAD_FLAG', '--format', flags.format!, Object.keys(EXPORTERS));
  if (!inputs.length)
    throw new UsageError(
      'E_USAGE',
      `export --format ${flags.format}: give result files or folders (e.g. out/results).`,
    );
  const { results, warnings } = await loadResults(inputs);
  for (const w of warnings) process.stderr.write(`mlbench: warning: ${w}\n`);
  const files = exporter.render(results);
  if (!files.length)
    throw new UsageError(
      'E_RESULT_FILE',
      `${inputs.join(', ')}: nothing to export as ${flags.format}: no job measured what it exports (csv: tabular training jobs; loadgen: inference jobs).`,
    );
  if (files.length === 1 && flags.output === undefined) {
    process.stdout.write(files[0]!.content);
    return;
  }
  const single = files.length === 1 && flags.output !== undefined && path.extname(flags.output) !== '';
  const dir = flags.output ?? path.join('out', 'export', flags.format!);
  for (const f of files) await writeFileAtomic(single ? flags.output! : path.join(dir, f.name), f.content);
  process.stdout.write(
    `exported ${results.length} result file(s) as ${flags.format}: ${single ? flags.output : `${files.length} file(s) in ${dir}`}\n`,
  );
}

async function exportModel(model: string, flags: ExportFlags): Promise<void> {
  const { UsageError } = await import('../errors.js');
  const { buildModel, ZOO_ARCHS: FLAT_ARCHS, TRANSFORMER_ARCHS } = await import('../models/index.js');
  const ZOO_ARCHS = [...FLAT_ARCHS, ...TRANSFORMER_ARCHS];
  const { writeFileAtomic } = await import('../common/atomic-write.js');
  if (!flags.output)
    throw new UsageError(
      'E_USAGE',
      `export --model ${model}: give the .onnx file to write with -o, e.g. -o ${model.replace(/\.json$/, '')}.onnx.`,
    );
  const seed = Number(flags.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError('E_BAD_FLAG', `--seed ${flags.seed}: expected a non-negative integer.`);
  const params: Record<string, number | string> = {};
  for (const pair of flags.param ?? []) {
    // precision=fp32|fp16|int8|int8w (docs/precision.md) is the one non-integer zoo param; buildModel checks its value.
    const precision = /^precision=(\w+)$/.exec(pair);
    if (precision) {
      params.precision = precision[1]!;
      continue;
    }
    const m = /^([A-Za-z]\w*)=(\d+)$/.exec(pair);
    if (!m) throw new UsageError('E_BAD_FLAG', `--param ${pair}: expected key=integer, e.g. --param width=16.`);
    params[m[1]!] = Number(m[2]);
  }
  const isZoo = ZOO_ARCHS.includes(model);
  if (!isZoo && !model.endsWith('.json')) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${model}: not a zoo architecture (${ZOO_ARCHS.join(', ')}) nor a trained model file (.json).`,
    );
  }
  if (!isZoo && flags.param?.length)
    throw new UsageError(
      'E_BAD_FLAG',
      '--param applies to zoo architectures only; a trained model file has its own shape.',
    );
  const artifact = await buildModel(
    isZoo ? { kind: 'zoo', arch: model, params, seed } : { kind: 'trained', path: model },
  );
  const folder = artifact.transformer !== undefined && !flags.output.toLowerCase().endsWith('.onnx');
  if (folder) {
    const path = await import('node:path');
    const { transformersJsFolder } = await import('../models/index.js');
    for (const f of transformersJsFolder(artifact.transformer as ResolvedTransformer, artifact.onnx))
      await writeFileAtomic(path.join(flags.output, f.name), f.content);
  } else {
    await writeFileAtomic(flags.output, artifact.onnx);
  }
  const io = (specs: typeof artifact.inputs) =>
    specs.map((s) => `${s.name} [${s.dims.join('x')}] ${s.dtype}`).join(', ');
  process.stdout.write(
    `${flags.output}${folder ? ' (transformers.js model folder: config.json, onnx/model.onnx, tokenizer.json)' : ''}: ${artifact.name}, ${artifact.parameters ?? '?'} parameters, ${artifact.flopsPerSample ?? '?'} FLOPs per sample\n  inputs: ${io(artifact.inputs)}\n  outputs: ${io(artifact.outputs)}\n`,
  );
}
