/**
 * `mlbench datasets`: the dataset catalog (rows, columns, positive rate, checksum, source package
 * and version, whether cached), and `mlbench datasets prepare <id>` to decode, split and cache a
 * dataset ahead of a run, with progress (a bar on a TTY, plain lines otherwise) and the time taken.
 */
import type { Command } from 'commander';
import { escapeTerminal } from '../common/escape.js';

interface CacheFlags {
  cacheDir?: string;
  json?: boolean;
}

async function resolveCacheDir(flag: string | undefined): Promise<string> {
  const { parseSetting } = await import('../config/settings.js');
  // No flag: the setting's default, from its schema.
  return parseSetting('cacheDir', flag, `--cache-dir ${flag}`);
}

export function register(program: Command): void {
  const datasets = program
    .command('datasets')
    .description(
      'list datasets (rows, columns, positive rate, checksum, source, cached); `prepare <id>` builds the cache',
    )
    .option('--cache-dir <dir>', 'dataset cache folder (default: the cacheDir setting; `mlbench list --settings`)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench datasets                             every dataset, with slices and cache state
  $ mlbench datasets --json                      the same as JSON
  $ mlbench datasets prepare flights             decode 3M flights, split and cache (a few seconds)
  $ mlbench datasets prepare csv:data.csv --target label   check and cache a user CSV file`,
    )
    .action(async (flags: CacheFlags) => {
      const cacheDir = await resolveCacheDir(flags.cacheDir);
      const { describeDatasets } = await import('../../datasets/catalog.js');
      const { formatTable } = await import('../common/format.js');
      const list = await describeDatasets(cacheDir);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ cacheDir, datasets: list }, null, 2)}\n`);
        return;
      }
      const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(100 * x).toFixed(2)}%`);
      const rows = list.map((d) => [
        d.id,
        d.rows === null ? 'any' : d.rows.toLocaleString('en-US'),
        String(d.columns.length),
        String(d.classes),
        pct(d.positiveRate),
        d.cached === 'not-applicable' ? '-' : d.cached ? 'yes' : 'no',
        `${d.source.package}@${d.source.version}`,
        d.checksum ? d.checksum.slice(0, 19) : '-',
      ]);
      const out = [
        formatTable(['dataset', 'rows', 'cols', 'classes', 'positive', 'cached', 'source', 'checksum'], rows),
      ];
      for (const d of list) {
        if (d.slices.length)
          out.push(
            `${d.id} slices: ${d.slices.map((s) => `${s.name} ${s.rows.toLocaleString('en-US')}${s.positiveRate !== undefined ? ` (${pct(s.positiveRate)} positive)` : ''}`).join(', ')}`,
          );
        if (d.note) out.push(`${d.id}: ${d.note}`);
      }
      out.push(`cache: ${cacheDir}`);
      process.stdout.write(`${escapeTerminal(out.join('\n'))}\n`);
    });

  datasets
    .command('prepare <id>')
    .description(
      'decode, split and cache a dataset (flights, csv:<file>, parquet:<file>), showing progress and the time taken',
    )
    .option('--cache-dir <dir>', 'dataset cache folder (default: the cacheDir setting; `mlbench list --settings`)')
    .option('--target <column>', 'label column of user data (csv:/parquet:)')
    .option('--force', 'rebuild even when a valid cache entry exists')
    .addHelpText(
      'after',
      `
Examples:
  $ mlbench datasets prepare flights
  $ mlbench datasets prepare flights --cache-dir /tmp/mlbench-cache --force
  $ mlbench datasets prepare parquet:data.parquet --target y`,
    )
    .action(async (id: string, flags: { cacheDir?: string; target?: string; force?: boolean }, cmd: Command) => {
      const cacheDir = await resolveCacheDir(
        flags.cacheDir ?? (cmd.parent?.opts() as CacheFlags | undefined)?.cacheDir,
      );
      const { prepareDataset } = await import('./datasets-prepare.js');
      await prepareDataset(id, { cacheDir, target: flags.target, force: flags.force === true });
    });
}
