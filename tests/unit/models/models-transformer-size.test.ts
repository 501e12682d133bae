import { describe, expect, it } from 'vitest';
import {
  buildModel,
  readOnnxSignature,
  transformerConfig,
  transformerFlops,
  transformerParameters,
} from '../../../harness/models/index.js';

describe('models: zoo transformers, sizes and signature', () => {
  it('defaults are the published sizes: GPT-2 small 124,439,808 and BERT-base 109,482,240 parameters', () => {
    expect(transformerParameters(transformerConfig('gpt', {}))).toBe(124_439_808);
    expect(transformerParameters(transformerConfig('bert', {}))).toBe(109_482_240);
  });

  it('counts the parameters the ONNX file holds, and FLOPs grow with the cache', async () => {
    const model = await buildModel({
      kind: 'zoo',
      arch: 'gpt',
      params: { layers: 2, hidden: 16, heads: 2, intermediate: 32, vocab: 50, context: 24 },
      seed: 1,
    });
    // float32 weights dominate the file: 4 bytes per parameter plus the graph.
    expect(model.onnx.byteLength).toBeGreaterThan(4 * model.parameters!);
    expect(model.onnx.byteLength).toBeLessThan(4 * model.parameters! + 20_000);
    const c = transformerConfig('gpt', { layers: 2, hidden: 16, heads: 2, intermediate: 32, vocab: 50, context: 24 });
    expect(transformerFlops(c, 1, 16)).toBeGreaterThan(transformerFlops(c, 1, 0));
  });

  it('names inputs and outputs as optimum does, with the cache dims numeric', async () => {
    const model = await buildModel({
      kind: 'zoo',
      arch: 'gpt',
      params: { layers: 2, hidden: 16, heads: 2, intermediate: 32, vocab: 50, context: 24 },
      seed: 1,
    });
    const sig = readOnnxSignature(model.onnx, 'gpt');
    expect(sig.inputs.map((i) => `${i.name}:${i.dtype}:${i.dims.join('x')}`)).toEqual([
      'input_ids:int64:batch_sizexsequence_length',
      'attention_mask:int64:batch_sizextotal_sequence_length',
      'position_ids:int64:batch_sizexsequence_length',
      'past_key_values.0.key:float32:batch_sizex2xpast_sequence_lengthx8',
      'past_key_values.0.value:float32:batch_sizex2xpast_sequence_lengthx8',
      'past_key_values.1.key:float32:batch_sizex2xpast_sequence_lengthx8',
      'past_key_values.1.value:float32:batch_sizex2xpast_sequence_lengthx8',
    ]);
    expect(sig.outputs.map((o) => o.name)).toEqual([
      'logits',
      'present.0.key',
      'present.0.value',
      'present.1.key',
      'present.1.value',
    ]);
    const bert = await buildModel({
      kind: 'zoo',
      arch: 'bert',
      params: { layers: 1, hidden: 16, heads: 2, intermediate: 32, vocab: 50, context: 24 },
      seed: 1,
    });
    expect(bert.inputs.map((i) => i.name)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(bert.outputs.map((o) => o.name)).toEqual(['last_hidden_state', 'pooler_output']);
  });

  it('refuses heads that do not divide hidden and unknown params, naming them', async () => {
    await expect(buildModel({ kind: 'zoo', arch: 'gpt', params: { hidden: 30, heads: 4 }, seed: 1 })).rejects.toThrow(
      /heads \(4\) must divide hidden \(30\)/,
    );
    await expect(buildModel({ kind: 'zoo', arch: 'bert', params: { width: 3 }, seed: 1 })).rejects.toThrow(
      /unknown param "width".*typeVocab/,
    );
  });
});
