/** Request lengths: fixed, or drawn per request from the seed, the same on every call and machine. */
import { describe, expect, it } from 'vitest';
import { generationRequest } from '../../../harness/generation/requests.js';
import { generationSettings } from '../../../harness/generation/scenarios.js';

const base = {
  inputTokens: 8,
  inputTokensMax: 0,
  outputTokens: 4,
  outputTokensMax: 0,
  vocabSize: 50,
  useCache: true,
  seed: 7,
};

describe('generation requests', () => {
  it('fixed lengths: every request has gen.inputTokens prompt ids in [0, vocab) and gen.outputTokens to produce', () => {
    for (let k = 0; k < 5; k++) {
      const r = generationRequest(base, k);
      expect(r.inputIds).toHaveLength(8);
      expect(r.outputTokens).toBe(4);
      expect(r.inputIds.every((id) => Number.isInteger(id) && id >= 0 && id < 50)).toBe(true);
    }
  });

  it('drawn lengths stay in [min, max], vary, and repeat for the same seed', () => {
    const s = { ...base, inputTokensMax: 20, outputTokensMax: 9 };
    const reqs = Array.from({ length: 40 }, (_, k) => generationRequest(s, k));
    expect(
      reqs.every(
        (r) => r.inputIds.length >= 8 && r.inputIds.length <= 20 && r.outputTokens >= 4 && r.outputTokens <= 9,
      ),
    ).toBe(true);
    expect(new Set(reqs.map((r) => r.outputTokens)).size).toBeGreaterThan(2);
    expect(generationRequest(s, 3)).toEqual(reqs[3]);
    expect(generationRequest({ ...s, seed: 8 }, 3)).not.toEqual(reqs[3]);
  });

  it('bound sets are mlperf.conf llama2-70b server and interactive; explicit bounds win', () => {
    expect(generationSettings({}, 10).bounds).toMatchObject({
      set: 'server',
      ttftBoundNs: 2e9,
      tpotBoundNs: 2e8,
      percentile: 0.99,
    });
    expect(generationSettings({ 'gen.bounds': 'interactive' }, 10).bounds).toMatchObject({
      ttftBoundNs: 450e6,
      tpotBoundNs: 40e6,
    });
    expect(generationSettings({ 'gen.bounds': 'interactive', 'gen.tpotBoundNs': 5e6 }, 10).bounds.tpotBoundNs).toBe(
      5e6,
    );
    expect(generationSettings({ 'gen.vocabSize': 99 }, 10).lengths.vocabSize).toBe(99);
  });
});
