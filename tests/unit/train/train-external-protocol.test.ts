import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callPeer, createExternalRuntime, externalArgv } from '../../../harness/runtimes/external.js';
import { executeExternalTraining } from '../../../harness/train/external-job.js';
import type { TabularTrainingSpec } from '../../../harness/train/spec.js';
import type { Job } from '../../../harness/types.js';
import { tempDir } from '../../helpers/cli.js';
import { trainingJob } from '../../helpers/training-job.js';

const PEERS = path.resolve(__dirname, '..', '..', 'fixtures', 'peers');
const spec: TabularTrainingSpec = {
  task: 'tabular',
  model: 'logreg',
  hidden: [],
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 128,
  maxEpochs: 1,
  targetAuc: 0.5,
};
const dir = tempDir('mlbench-peer-');

function job(peer: string): Job {
  const dataset = { id: 'synthetic-tabular', slice: 'train_1k' };
  const runtime = `external:node ${path.join(PEERS, peer)}`;
  return trainingJob({
    id: peer,
    arch: 'logreg',
    dataset,
    training: spec,
    runtime,
    dir,
    settings: { timeoutMs: 60_000 },
  });
}

describe('train: the external peer protocol', () => {
  it('probes a peer and reads its version; a missing program is unavailable with the reason', async () => {
    const probe = await createExternalRuntime(`external:node ${path.join(PEERS, 'tiny-peer.mjs')}`).probe();
    expect(probe).toMatchObject({ available: true, version: '0.0.1' });
    const missing = await createExternalRuntime('external:/nonexistent/peer').probe();
    expect(missing.available).toBe(false);
    expect(missing.reason).toMatch(/cannot start \/nonexistent\/peer/);
    expect(() => externalArgv('external:  ')).toThrow(/empty command/);
  });

  it("trains the tiny JS peer and scores its predictions with mlbench's own AUC", async () => {
    const out = await executeExternalTraining(job('tiny-peer.mjs'), spec, () => undefined);
    expect(out.status, out.error?.message).toBe('ok');
    expect(out.accuracy!.value).toBeGreaterThan(0.5);
    expect(out.accuracy!.logLoss).toBeGreaterThan(0);
    expect(out.train!.seconds).toBeGreaterThanOrEqual(0);
    expect(out.dataset).toMatchObject({ id: 'synthetic-tabular', rows: 1000 });
  });

  it('records a crashing peer as failed with its stderr, and a garbage-printing one with its words', async () => {
    const crash = await executeExternalTraining(job('crash-peer.mjs'), spec, () => undefined);
    expect(crash.status).toBe('failed');
    expect(crash.error).toMatchObject({ code: 'E_PEER' });
    expect(crash.error!.message).toMatch(/exited with code 3: crash-peer: simulated segmentation fault/);
    const garbage = await executeExternalTraining(job('garbage-peer.mjs'), spec, () => undefined);
    expect(garbage.status).toBe('failed');
    expect(garbage.error!.message).toMatch(/not protocol JSON: "Training\.\.\. done! accuracy = great"/);
  });

  it('kills a peer that outlives its timeout', async () => {
    const call = await callPeer(['node', '-e', 'setTimeout(() => {}, 10000)'], { type: 'probe' }, 300);
    expect(call.reply).toBeNull();
    expect(call.problem).toMatch(/did not answer within 300 ms/);
  });
});
