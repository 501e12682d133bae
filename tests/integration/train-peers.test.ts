/** The tabular suite through the built CLI with JS peers: a working one, a crashing one, one printing garbage. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const peer = (name: string) => `external:tests/fixtures/peers/${name}`;

describe('mlbench run --suite tabular --runtime external:<cmd>', () => {
  it('records every peer (ok, crashed, garbage) and the run goes on to the benchm-ml table', () => {
    const dir = tempDir();
    const run = mlbench(
      [
        'run',
        '--suite',
        'tabular',
        '--runtime',
        [peer('tiny-peer.mjs'), peer('crash-peer.mjs'), peer('garbage-peer.mjs')].join(','),
        '--target-auc',
        '0.5',
        '--results-dir',
        dir,
        '--no-report',
      ],
      { timeoutMs: 240_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const [machine] = readdirSync(dir);
    const [name] = readdirSync(path.join(dir, machine!));
    const result = parseResult(readFileSync(path.join(dir, machine!, name!), 'utf8'), name!);
    const byPeer = (p: string) => result.jobs.filter((j) => j.runtime.backend.endsWith(p));
    expect(byPeer('tiny-peer.mjs').length).toBeGreaterThanOrEqual(2);
    for (const j of byPeer('tiny-peer.mjs')) {
      expect(j.status).toBe('ok');
      expect(j.accuracy!.value).toBeGreaterThan(0.5);
      expect(j.train!.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(byPeer('crash-peer.mjs').length).toBe(byPeer('tiny-peer.mjs').length);
    for (const j of byPeer('crash-peer.mjs')) expect(j.error!.message).toMatch(/exited with code 3/);
    expect(byPeer('garbage-peer.mjs').length).toBe(byPeer('tiny-peer.mjs').length);
    for (const j of byPeer('garbage-peer.mjs')) expect(j.error!.message).toMatch(/not protocol JSON/);
    expect(run.stdout).toMatch(/benchm-ml table/);
    expect(run.stdout).toMatch(/logreg\s+external:tests\/fixtures\/peers\/tiny-peer\.mjs\s+10k\s+ok/);
  }, 300_000);
});
