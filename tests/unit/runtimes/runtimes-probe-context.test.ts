/**
 * The `peers.python` setting reaches a peer's probe in the probe request (ProbeContext), not
 * through an environment variable the CLI sets on itself (issue 21, parse once).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExternalRuntime } from '../../../harness/runtimes/external.js';

const FAKE = path.resolve(__dirname, '..', '..', 'fixtures', 'peers', 'fake-python');
const PEER = 'external:peers/sklearn_logreg.py';

describe('runtimes: probe context', () => {
  it('a peer probe uses the interpreter the request names, and says it was chosen by the setting', async () => {
    const before = process.env.MLBENCH_PYTHON;
    delete process.env.MLBENCH_PYTHON;
    try {
      const probe = await createExternalRuntime(PEER).probe({ peersPython: FAKE });
      expect(probe.available).toBe(false);
      expect(probe.reason).toMatch(/chosen by peers\.python/);
      expect(probe.reason).toContain(FAKE);
    } finally {
      if (before !== undefined) process.env.MLBENCH_PYTHON = before;
    }
  });
});
