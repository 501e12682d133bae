import { describe, expect, it } from 'vitest';
import { decoderLayout, isDecoderSignature, kvCacheBytes } from '../../../harness/generation/decoder-layout.js';
import type { TensorSpec } from '../../../harness/types.js';

const cache = (layers: number, prefix: 'past_key_values' | 'present', heads = 4, headDim = 16): TensorSpec[] =>
  Array.from({ length: layers }, (_, i) =>
    (['key', 'value'] as const).map((r): TensorSpec => ({
      name: `${prefix}.${i}.${r}`,
      dtype: 'float32',
      dims: ['batch_size', heads, `${prefix}_sequence_length`, headDim],
    })),
  ).flat();

const inputs: TensorSpec[] = [
  { name: 'input_ids', dtype: 'int64', dims: ['batch_size', 'sequence_length'] },
  { name: 'attention_mask', dtype: 'int64', dims: ['batch_size', 'total_sequence_length'] },
  { name: 'position_ids', dtype: 'int64', dims: ['batch_size', 'sequence_length'] },
  ...cache(2, 'past_key_values'),
  { name: 'use_cache_branch', dtype: 'bool', dims: [1] },
];
const outputs: TensorSpec[] = [
  { name: 'logits', dtype: 'float32', dims: ['batch_size', 'sequence_length', 50] },
  ...cache(2, 'present'),
];

describe('decoder layout (optimum)', () => {
  it('reads layers, heads and head size from the cache shapes, and the merged branch', () => {
    expect(isDecoderSignature(inputs, outputs)).toBe(true);
    const layout = decoderLayout(inputs, outputs, 'decoder_model_merged.onnx');
    expect(layout).toMatchObject({
      layers: 2,
      takesCache: true,
      useCacheBranch: true,
      positionIds: true,
      attentionMask: true,
      vocab: 50,
      idsDtype: 'int64',
    });
    expect(layout.cache.map((c) => c.input)).toEqual([
      'past_key_values.0.key',
      'past_key_values.0.value',
      'past_key_values.1.key',
      'past_key_values.1.value',
    ]);
    // 2 layers x (key + value) x 4 heads x 16 x 10 positions x 4 bytes.
    expect(kvCacheBytes(layout, 10)).toBe(2 * 2 * 4 * 16 * 10 * 4);
  });

  it('a cache input without its present output is refused naming the input', () => {
    const broken = outputs.filter((o) => o.name !== 'present.1.value');
    expect(() => decoderLayout(inputs, broken, 'bad.onnx')).toThrow(
      /bad\.onnx: .*input "past_key_values\.1\.value" is a KV-cache input but there is no output "present\.1\.value"/,
    );
  });

  it('a prefill-only decoder_model.onnx is recognised by its present outputs', () => {
    const prefill = inputs.filter((i) => !i.name.startsWith('past_key_values') && i.name !== 'use_cache_branch');
    expect(decoderLayout(prefill, outputs, 'decoder_model.onnx')).toMatchObject({ takesCache: false, layers: 2 });
    expect(isDecoderSignature([{ name: 'x', dtype: 'float32', dims: [1] }], outputs)).toBe(false);
  });
});
