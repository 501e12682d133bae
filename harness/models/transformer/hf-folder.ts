/**
 * A zoo transformer as a Hugging Face model folder, the layout transformers.js (and optimum's
 * ONNX exports on the Hub) use, so `@huggingface/transformers` loads it with remote models off:
 *
 * - `config.json`: the architecture in transformers' own keys. gpt -> `model_type: "gpt2"`
 *   (n_layer, n_head, n_embd, n_inner, n_positions, vocab_size), which transformers.js maps to
 *   GPT2LMHeadModel, a decoder-only model whose one session `onnx/model.onnx` takes
 *   `past_key_values.{i}.key|value` [batch, n_head, past, n_embd / n_head] (configs.js: gpt2 ->
 *   num_heads n_head, num_layers n_layer, hidden_size n_embd). bert -> `model_type: "bert"`
 *   (num_hidden_layers, num_attention_heads, hidden_size, intermediate_size, ...), BertModel.
 *   `transformers.js_config.dtype = "fp32"` names the file's precision: fp32 has no file suffix
 *   (utils/dtypes.js), so the session file is `onnx/model.onnx`, one file with its weights inside
 *   (no external data; the zoo's sizes stay far below protobuf's 2 GiB).
 * - `onnx/model.onnx`: the same bytes `mlbench export --model gpt -o x.onnx` writes.
 * - `generation_config.json` (gpt): greedy (`do_sample: false`), and no `eos_token_id`, so
 *   generation runs to max_new_tokens as mlbench's loop does (never stopped early).
 * - `tokenizer.json` + `tokenizer_config.json`: a minimal word-level tokenizer whose token i is
 *   the word `t<i>` (the zoo has no trained vocabulary; the ids are what the weights see), split
 *   on whitespace, so "t5 t17" encodes to [5, 17].
 */
import type { ResolvedTransformer } from './weights.js';

export interface FolderFile {
  /** Path inside the folder, '/'-separated. */
  name: string;
  content: Uint8Array | string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function configJson(t: ResolvedTransformer): Record<string, unknown> {
  const c = t.config;
  const common = {
    'transformers.js_config': { dtype: 'fp32', use_external_data_format: false },
    vocab_size: c.vocab,
    torch_dtype: 'float32',
  };
  if (c.arch === 'gpt') {
    return {
      ...common,
      model_type: 'gpt2',
      architectures: ['GPT2LMHeadModel'],
      n_layer: c.layers,
      n_head: c.heads,
      n_embd: c.hidden,
      n_inner: c.intermediate,
      n_positions: c.context,
      n_ctx: c.context,
      layer_norm_epsilon: c.layerNormEpsilon,
      activation_function: 'gelu',
      tie_word_embeddings: true,
      use_cache: true,
    };
  }
  return {
    ...common,
    model_type: 'bert',
    architectures: ['BertModel'],
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    hidden_size: c.hidden,
    intermediate_size: c.intermediate,
    max_position_embeddings: c.context,
    type_vocab_size: c.typeVocab,
    layer_norm_eps: c.layerNormEpsilon,
    hidden_act: 'gelu',
    pad_token_id: 0,
  };
}

function tokenizerJson(vocab: number): Record<string, unknown> {
  const words: Record<string, number> = {};
  for (let i = 0; i < vocab; i++) words[`t${i}`] = i;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab: words, unk_token: 't0' },
  };
}

/** The folder's files for `onnx` (the transformer's ONNX bytes). */
export function transformersJsFolder(t: ResolvedTransformer, onnx: Uint8Array): FolderFile[] {
  const files: FolderFile[] = [
    { name: 'config.json', content: json(configJson(t)) },
    { name: 'onnx/model.onnx', content: onnx },
    { name: 'tokenizer.json', content: json(tokenizerJson(t.config.vocab)) },
    {
      name: 'tokenizer_config.json',
      content: json({
        tokenizer_class: 'PreTrainedTokenizer',
        model_max_length: t.config.context,
        unk_token: 't0',
        clean_up_tokenization_spaces: false,
      }),
    },
  ];
  if (t.config.arch === 'gpt')
    files.push({
      name: 'generation_config.json',
      content: json({ do_sample: false, num_beams: 1, max_length: t.config.context }),
    });
  return files;
}
