import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../../harness/config/resolve.js';
import { defaultSettings } from '../../../harness/config/settings.js';
import { buildModel } from '../../../harness/models/index.js';
import { DEFAULT_SUITES, loadSuite } from '../../../suites/index.js';
import { TRANSFORMER_RUNTIMES } from '../../../suites/transformers/index.js';

describe('transformers suite', () => {
  it('is a default suite; quick: a tiny bert (single-stream, tokens/s) and tiny gpt generation on ort-node:cpu only', async () => {
    expect(DEFAULT_SUITES).toContain('transformers');
    const w = (await loadSuite('transformers')).workloads('quick');
    expect(w.map((x) => `${x.id}:${x.kind}:${x.scenarios.join()}:${x.runtimes!.join()}`)).toEqual([
      'bert-tiny-seq32:inference:single-stream:ort-node:cpu',
      'gpt-tiny:generation:single-stream:ort-node:cpu',
    ]);
    expect(w[0]!.extra?.tokensPerSample).toBe(32);
    for (const x of w) expect(withOverrides(defaultSettings(), x.settings, x.id, new Set())).toBeTruthy();
    const bert = await buildModel(w[0]!.model);
    expect(bert.parameters).toBeLessThan(200_000);
  });

  it('standard: "small" sizes (BERT-small L4/H512 at sequence 128, a 4-layer 256-wide gpt) on every CPU and WebGPU runtime', async () => {
    const w = (await loadSuite('transformers')).workloads('standard');
    expect(w.map((x) => x.id)).toEqual(['bert-small-seq128', 'gpt-small']);
    for (const x of w) expect(x.runtimes).toEqual(TRANSFORMER_RUNTIMES);
    expect(w[0]!.model).toMatchObject({ arch: 'bert', params: { layers: 4, hidden: 512, heads: 8 } });
    expect(w[1]!.model).toMatchObject({ arch: 'gpt', params: { layers: 4, hidden: 256, vocab: 32000 } });
    for (const x of w) expect(withOverrides(defaultSettings(), x.settings, x.id, new Set())).toBeTruthy();
    // full: the published sizes (defaults) at a shorter context.
    const full = (await loadSuite('transformers')).workloads('full');
    expect(full.map((x) => x.id)).toEqual(['bert-base-seq128', 'gpt-124m']);
  });
});
