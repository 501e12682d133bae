/**
 * The work of `mlbench datasets prepare <id>`: build (or verify) the cache entry of one dataset,
 * reporting progress on stderr (a cli-progress bar on a TTY, a line per 10% otherwise) and a
 * summary with the time taken on stdout.
 */
import { stat, unlink } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { UsageError } from '../errors.js';
import type { PrepareEvent } from '../../datasets/flights/flights.js';
import { escapeTerminal } from '../common/escape.js';

/** Options of {@link prepareDataset}. */
export interface PrepareOptions {
  cacheDir: string;
  target?: string;
  force: boolean;
  stream?: NodeJS.WriteStream;
}

function progressReporter(stream: NodeJS.WriteStream): { onEvent: (e: PrepareEvent) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = -1;
  const phaseLine = (text: string) => {
    if (bar) bar.update({ phase: text });
    else stream.write(`${escapeTerminal(text)}\n`);
  };
  return {
    onEvent: (e) => {
      if (e.phase === 'rebuild') return phaseLine(`cache entry not usable (${e.message}); rebuilding`);
      if (e.phase === 'decode' && e.total) {
        if (stream.isTTY) {
          bar ??= new cliProgress.SingleBar(
            { stream, format: '{bar} {percentage}% | {phase} | {duration_formatted}', barsize: 30, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          if (!bar.isActive) bar.start(e.total, 0, { phase: 'decode' });
          bar.update(e.done ?? 0, { phase: 'decode' });
        } else {
          const tenth = Math.floor((10 * (e.done ?? 0)) / e.total);
          if (tenth !== lastTenth) {
            lastTenth = tenth;
            stream.write(`decode ${tenth * 10}%\n`);
          }
        }
        return;
      }
      if (e.phase === 'split' || e.phase === 'write-cache') phaseLine(e.phase === 'split' ? 'split' : 'write cache');
    },
    stop: () => bar?.stop(),
  };
}

/** Builds or verifies the cache entry of `id` and prints what it did. */
export async function prepareDataset(id: string, opts: PrepareOptions): Promise<void> {
  const stream = opts.stream ?? process.stderr;
  const progress = progressReporter(stream);
  const started = performance.now();
  const out: string[] = [];
  try {
    if (id === 'flights') {
      const { flightsCacheStatus, loadFlightsSource } = await import('../../datasets/flights/flights.js');
      const status = await flightsCacheStatus(opts.cacheDir);
      if (opts.force) await unlink(status.file).catch(() => undefined);
      const src = await loadFlightsSource({ cacheDir: opts.cacheDir, onEvent: progress.onEvent });
      progress.stop();
      const bytes = (await stat(status.file)).size;
      const secs = (performance.now() - started) / 1000;
      out.push(
        `flights: ${src.table.rows.toLocaleString('en-US')} rows ${src.fromCache ? 'already cached (verified)' : 'decoded, split and cached'} in ${secs.toFixed(2)} s`,
      );
      out.push(
        `  slices: ${Object.entries(src.slices)
          .map(([k, v]) => `${k} ${v.length.toLocaleString('en-US')}`)
          .join(', ')}`,
      );
      out.push(`  cache: ${status.file} (${(bytes / 1e6).toFixed(1)} MB), checksum ${src.checksum}`);
    } else if (/^(csv|parquet):/.test(id)) {
      const { loadUserSource, parseUserDataRef } = await import('../../datasets/user/user-source.js');
      const src = await loadUserSource(parseUserDataRef(id)!, opts.target, {
        cacheDir: opts.cacheDir,
        onEvent: progress.onEvent,
      });
      progress.stop();
      const secs = (performance.now() - started) / 1000;
      const t = src.table;
      out.push(
        `${id}: ${t.rows.toLocaleString('en-US')} rows, ${t.numericNames.length} numeric + ${t.categoricalNames.length} categorical columns, target "${t.target}" with classes ${t.classes.join(', ')}`,
      );
      out.push(
        `  ${src.fromCache ? 'already cached (verified)' : 'read and cached'} in ${secs.toFixed(2)} s; slices train ${src.slices.train!.length}, test ${src.slices.test!.length}; checksum ${src.checksum}`,
      );
    } else {
      const { DATASETS } = await import('../../datasets/registry.js');
      if (!DATASETS[id]) {
        throw new UsageError(
          'E_DATASET',
          `datasets prepare: unknown dataset "${id}". Valid values: ${Object.keys(DATASETS).join(', ')}, csv:<file>, parquet:<file>.`,
        );
      }
      out.push(`${id}: generated or read from its package on each load; nothing to cache.`);
    }
  } finally {
    progress.stop();
  }
  process.stdout.write(`${escapeTerminal(out.join('\n'))}\n`);
}
