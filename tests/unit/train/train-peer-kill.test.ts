import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callPeer, killLivePeers, trackPeerDir } from '../../../harness/runtimes/external.js';
import { tempDir } from '../../helpers/cli.js';

describe('train: no peer outlives its job', () => {
  it('killLivePeers kills running peers and removes their registered folders', async () => {
    const dir = path.join(tempDir('mlbench-peer-kill-'), 'tmp', 'peer-1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'train-labels.u8'), new Uint8Array(4));
    const untrack = trackPeerDir(dir);
    const pending = callPeer(['node', '-e', 'setTimeout(() => {}, 30000)'], { type: 'probe' }, 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(killLivePeers()).toBe(1);
    expect(existsSync(dir)).toBe(false);
    const call = await pending;
    expect(call.signal).toBe('SIGKILL');
    expect(call.reply).toBeNull();
    // Nothing is left to kill; unregistering a removed folder is harmless.
    expect(killLivePeers()).toBe(0);
    untrack();
  });
});
