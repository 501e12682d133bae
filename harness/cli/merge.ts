/**
 * `mlbench merge`: join the result files of one run split with `--shard i/n` (or finished with
 * `--resume`) into one result file. The parts must come from the same machine fingerprint and the
 * same resolved settings; a job id present twice is refused rather than silently picked.
 */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('merge')
    .description('join result files of a sharded run (same machine, same settings) into one result file')
    .argument('<files...>', 'result files to join')
    .option('-o, --output <file>', 'the merged result file (default: <results-dir>/<machine-id>/<new-run-id>.json)')
    .option('--results-dir <dir>', 'where the merged file goes when -o is not given', 'out/results')
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench run --shard 1/2 --results-dir a     # on one machine...
  $ mlbench run --shard 2/2 --results-dir b     # ...and its twin (same fingerprint)
  $ mlbench merge a/*/*.json b/*/*.json -o merged.json
  (Kubernetes and GitHub Actions recipes: deploy/k8s and .github/workflows/bench-sharded.yml)`,
    )
    .action(async (files: string[], flags: { output?: string; resultsDir: string }) => {
      const { mergeResults } = await import('../../results/merge.js');
      const { readResult, resultPath, writeResult } = await import('../../results/store.js');
      const { newRunId } = await import('./run-output.js');
      const parts = await Promise.all(files.map(async (file) => ({ file, result: await readResult(file) })));
      const runId = newRunId(new Date());
      const merged = mergeResults(parts, runId, `merge ${files.join(' ')}`);
      const out = flags.output ?? resultPath(flags.resultsDir, merged.machine.id, runId);
      await writeResult(out, merged);
      process.stdout.write(`merged ${parts.length} files, ${merged.jobs.length} jobs: ${out}\n`);
    });
}
