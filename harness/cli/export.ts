/**
 * `mlbench export`: write a model as an ONNX file — a zoo architecture (seeded weights) or a
 * trained model written by a training job — through the one ONNX writer every job uses, so the
 * file can be benchmarked with `mlbench model`, inspected, or shipped.
 */
import type { Command } from 'commander';
import { collect } from './options.js';

export function register(program: Command): void {
  program
    .command('export')
    .description('write a zoo model (seeded weights) or a trained model (.json from a training job) as an ONNX file')
    .argument('<model>', 'a zoo architecture (logreg, mlp, lenet, mobilenet, resnet) or a trained model file (out/models/<hash>.json)')
    .requiredOption('-o, --output <file>', 'the .onnx file to write')
    .option('--param <key=value>', 'zoo parameter, e.g. width=16 or resolution=64 (repeatable)', collect)
    .option('--seed <n>', 'seed of the zoo weights', '42')
    .addHelpText('after', `
Examples:
  $ mlbench export mobilenet --param resolution=64 --param width=16 -o mobilenet.onnx
  $ mlbench export out/models/3f2a9c.json -o flights-logreg.onnx
  $ mlbench model mobilenet.onnx --shape batch=1`)
    .action(async (model: string, flags: { output: string; param?: string[]; seed: string }) => {
      const { UsageError } = await import('../errors.js');
      const { buildModel, ZOO_ARCHS } = await import('../models/index.js');
      const { writeFileAtomic } = await import('../common/atomic-write.js');
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new UsageError('E_BAD_FLAG', `--seed ${flags.seed}: expected a non-negative integer.`);
      const params: Record<string, number> = {};
      for (const pair of flags.param ?? []) {
        const m = /^([A-Za-z]\w*)=(\d+)$/.exec(pair);
        if (!m) throw new UsageError('E_BAD_FLAG', `--param ${pair}: expected key=integer, e.g. --param width=16.`);
        params[m[1]!] = Number(m[2]);
      }
      const isZoo = ZOO_ARCHS.includes(model);
      if (!isZoo && !model.endsWith('.json')) {
        throw new UsageError('E_BAD_MODEL', `${model}: not a zoo architecture (${ZOO_ARCHS.join(', ')}) nor a trained model file (.json).`);
      }
      if (!isZoo && flags.param?.length) throw new UsageError('E_BAD_FLAG', '--param applies to zoo architectures only; a trained model file has its own shape.');
      const artifact = await buildModel(isZoo ? { kind: 'zoo', arch: model, params, seed } : { kind: 'trained', path: model });
      await writeFileAtomic(flags.output, artifact.onnx);
      const io = (specs: typeof artifact.inputs) => specs.map((s) => `${s.name} [${s.dims.join('x')}] ${s.dtype}`).join(', ');
      process.stdout.write(`${flags.output}: ${artifact.name}, ${artifact.parameters ?? '?'} parameters, ${artifact.flopsPerSample ?? '?'} FLOPs per sample\n  inputs: ${io(artifact.inputs)}\n  outputs: ${io(artifact.outputs)}\n`);
    });
}
