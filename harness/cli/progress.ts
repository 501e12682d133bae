/**
 * Progress while jobs run, always on stderr so stdout stays for tables and JSON. On a TTY a live
 * bar (cli-progress); otherwise (CI logs) a line at every quarter of the run. Either way a job gets
 * a line of its own only when it did not end ok, or with -v; jobs of runtimes unavailable here
 * never do (the run states those once, at the start).
 */
import cliProgress from 'cli-progress';
import { escapeTerminal } from '../common/escape.js';

export interface Progress {
  /** `total`: the jobs that will run (unavailable ones excluded). */
  start(total: number): void;
  /** `index` is the job's place in the run (kept for callers; the count is kept here). */
  jobStarted(index: number, id: string): void;
  jobDone(index: number, id: string, status: string, detail: string): void;
  note(message: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** -v: a line for every job. */
  verbose?: boolean;
}

const elapsed = (t0: number) => {
  const s = Math.round((Date.now() - t0) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/** Progress whose every message is escaped: job ids and notes carry model, dataset and file names. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, options: ProgressOptions = {}): Progress {
  const p = createRawProgress(stream, options);
  return {
    start: p.start,
    jobStarted: (i, id) => p.jobStarted(i, escapeTerminal(id)),
    jobDone: (i, id, status, detail) => p.jobDone(i, escapeTerminal(id), status, escapeTerminal(detail)),
    note: (m) => p.note(escapeTerminal(m)),
    stop: p.stop,
  };
}

function createRawProgress(stream: NodeJS.WriteStream, options: ProgressOptions): Progress {
  let total = 0;
  let done = 0;
  const t0 = Date.now();
  const ownLine = (status: string) => status !== 'unavailable' && (options.verbose || status !== 'ok');
  const line = (status: string, id: string, detail: string) =>
    `${status.padEnd(11)} ${id}${detail ? `  ${detail}` : ''}\n`;
  if (!stream.isTTY) {
    return {
      start: (n) => {
        total = n;
      },
      jobStarted: () => undefined,
      jobDone: (_i, id, status, detail) => {
        if (status === 'unavailable') return;
        done++;
        if (ownLine(status)) stream.write(`[${done}/${total}] ${line(status, id, detail)}`);
        else if (Math.floor((done * 4) / total) > Math.floor(((done - 1) * 4) / total))
          stream.write(`[${done}/${total}] ${Math.round((done * 100) / total)}% of jobs done, ${elapsed(t0)}\n`);
      },
      note: (m) => stream.write(`${m}\n`),
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} jobs | {eta_formatted} left | {job}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 4,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  return {
    start: (n) => {
      total = n;
      bar = multi.create(n, 0, { job: '' });
    },
    jobStarted: (_i, id) => bar?.update({ job: id }),
    jobDone: (_i, id, status, detail) => {
      if (status === 'unavailable') return;
      done++;
      if (ownLine(status)) multi.log(line(status, id, detail));
      bar?.update(done, { job: '' });
    },
    note: (m) => multi.log(`${m}\n`),
    stop: () => {
      multi.stop();
      if (total) stream.write(`${done} jobs in ${elapsed(t0)}\n`);
    },
  };
}
