/**
 * Fault 21: peers (external:<cmd>) that print non-JSON, write NaN predictions, or the wrong number
 * of predictions. Each job fails (E_PEER, or E_NONFINITE for NaN) naming the peer and what was wrong; the working peer's
 * jobs stay ok and the run exits 0.
 */
import { describe, expect, it } from 'vitest';
import { mlbench, onlyResult, othersIntact, tempDir } from './helpers.js';

const peer = (name: string) => `external:tests/fixtures/peers/${name}`;

describe('fault: a peer that prints non-JSON, NaN predictions or the wrong length', () => {
  it('fails each bad peer job naming the peer and the fault', () => {
    const dir = tempDir();
    const runtimes = ['tiny-peer.mjs', 'garbage-peer.mjs', 'nan-peer.mjs', 'short-peer.mjs'].map(peer).join(',');
    const run = mlbench(
      ['run', '--suite', 'tabular', '--runtime', runtimes, '--target-auc', '0.5', '--results-dir', dir, '--no-report'],
      { timeoutMs: 240_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const result = onlyResult(dir);
    const of = (name: string) => result.jobs.filter((j) => j.kind === 'training' && j.runtime.backend.endsWith(name));
    expect(of('tiny-peer.mjs').length).toBeGreaterThan(0);
    const expected: Array<[string, string, RegExp]> = [
      ['garbage-peer.mjs', 'E_PEER', /not protocol JSON/],
      ['nan-peer.mjs', 'E_NONFINITE', /\d+ NaN and 0 Inf values/],
      ['short-peer.mjs', 'E_PEER', /float32 predictions.*got \d+ bytes/],
    ];
    for (const [name, code, pattern] of expected) {
      expect(of(name).length, name).toBe(of('tiny-peer.mjs').length);
      for (const j of of(name)) {
        expect(j.status, `${j.id}`).toBe('failed');
        expect(j.error!.code).toBe(code);
        expect(j.error!.message).toContain(name);
        expect(j.error!.message).toMatch(pattern);
        expect(j.accuracy).toBeUndefined();
      }
    }
    othersIntact(result, (j) => j.kind !== 'training' || !j.runtime.backend.endsWith('tiny-peer.mjs'));
  }, 300_000);
});
