/**
 * Progress while jobs run: a live bar on a TTY (cli-progress), one plain line per job otherwise
 * (CI logs). Always on stderr, so stdout stays for tables and JSON.
 */
import cliProgress from 'cli-progress';
import { escapeTerminal } from '../common/escape.js';

export interface Progress {
  start(total: number): void;
  jobStarted(index: number, id: string): void;
  jobDone(index: number, id: string, status: string, detail: string): void;
  note(message: string): void;
  stop(): void;
}

/** Progress whose every message is escaped: job ids and notes carry model, dataset and file names. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const p = createRawProgress(stream);
  return {
    start: p.start,
    jobStarted: (i, id) => p.jobStarted(i, escapeTerminal(id)),
    jobDone: (i, id, status, detail) => p.jobDone(i, escapeTerminal(id), status, escapeTerminal(detail)),
    note: (m) => p.note(escapeTerminal(m)),
    stop: p.stop,
  };
}

function createRawProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) {
    let total = 0;
    return {
      start: (n) => { total = n; },
      jobStarted: () => undefined,
      jobDone: (i, id, status, detail) => stream.write(`[${i + 1}/${total}] ${status.padEnd(11)} ${id}${detail ? `  ${detail}` : ''}\n`),
      note: (m) => stream.write(`${m}\n`),
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar({
    stream,
    format: '{bar} {value}/{total} jobs | {eta_formatted} left | {job}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 4,
  }, cliProgress.Presets.shades_classic);
  let bar: cliProgress.SingleBar | undefined;
  return {
    start: (n) => { bar = multi.create(n, 0, { job: '' }); },
    jobStarted: (_i, id) => bar?.update({ job: id }),
    jobDone: (i, id, status, detail) => {
      multi.log(`${status.padEnd(11)} ${id}${detail ? `  ${detail}` : ''}\n`);
      bar?.update(i + 1, { job: '' });
    },
    note: (m) => multi.log(`${m}\n`),
    stop: () => multi.stop(),
  };
}
