/**
 * The job process. It receives one request over IPC, runs it, replies once and exits. A failure
 * the job can catch is a result with status `failed`; anything worse kills this process, and
 * the parent turns the death into a result.
 */
import { completeSettings } from '../config/settings.js';
import { createRuntime } from '../runtimes/index.js';
import { killLivePeers } from '../runtimes/external.js';
import { errorCode, errorMessage } from '../errors.js';
import type { ProbeContext, ProbeResult } from '../types.js';
import type { ChildReply, ChildRequest, JobOutcome } from './protocol.js';

function send(reply: ChildReply): Promise<void> {
  return new Promise((resolve) => process.send!(reply, undefined, {}, () => resolve()));
}

async function probe(ids: string[], context: ProbeContext = {}): Promise<Record<string, ProbeResult>> {
  const out: Record<string, ProbeResult> = {};
  for (const id of ids) {
    try {
      out[id] = await (await createRuntime(id)).probe(context);
    } catch (err) {
      out[id] = { available: false, reason: `probe failed: ${errorMessage(err)}`, version: null, backends: [] };
    }
  }
  return out;
}

// Ctrl-C reaches the whole process group: the parent decides (it lets this job finish and
// records the rest as skipped), so the job process ignores SIGINT.
process.on('SIGINT', () => undefined);

// Stopped at the job timeout: take the external peers (and their files) down with this process.
process.on('SIGTERM', () => {
  killLivePeers();
  process.exit(143);
});

// The parent is gone (killed, or exited without waiting): nobody will read this job's result.
process.on('disconnect', () => {
  killLivePeers();
  process.exit(143);
});

process.once('message', async (request: ChildRequest) => {
  if (request.type === 'probe') {
    await send({ type: 'probe', probes: await probe(request.runtimes, request.context) });
    process.exit(0);
  }
  let outcome: JobOutcome;
  try {
    const { executeJob } = await import('./execute.js');
    // The one validation of a job's settings: they crossed IPC as plain JSON.
    const job = { ...request.job, settings: completeSettings(request.job.settings, `job ${request.job.id} settings`) };
    outcome = await executeJob(job, (message) => void send({ type: 'progress', message }));
  } catch (err) {
    outcome = { status: 'failed', error: { code: errorCode(err), message: errorMessage(err) } };
  }
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  await send({ type: 'result', outcome, maxRssBytes });
  process.exit(0);
});
