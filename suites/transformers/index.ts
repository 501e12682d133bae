/**
 * `transformers`: the zoo's transformers as the workloads people ship them (issue 23):
 * - `bert-*`: an encoder under LoadGen's single-stream scenario at a fixed sequence length
 *   (input_ids drawn in the vocabulary, attention mask all ones, token types 0), with tokens/s
 *   (queries/s x sequence) beside latency and parity against the float64 reference;
 * - `gpt-*`: greedy generation with the KV cache (harness/generation), scored as MLPerf scores
 *   LLMs: TTFT, TPOT (p50/p90/p99), output tokens/s, and the decode bandwidth floor.
 *
 * Sizes by profile: `quick` is tiny and runs on ort-node:cpu only, so the default `mlbench run`
 * keeps its time budget (about 10 s on a quiet 2-core machine); `standard` is "small" (BERT-small
 * L4/H512; a 4-layer 256-wide GPT with a 32,000-token vocabulary, Llama's: small LMs are
 * vocabulary-heavy, e.g. TinyStories-8M is 8 layers 256 wide with GPT-2's 50,257 tokens, so the
 * weights read per token dwarf the KV cache as in real decoders; an 8,192-token vocabulary made
 * the cache 5 % of the bytes per step at position 128 and the runtimes' per-step cache copies
 * dominated the cached TPOT) on every CPU and WebGPU runtime; `full` the published sizes
 * (BERT-base, GPT-2 small 124M) at sequence 128. Other runtimes at quick: --runtime.
 */
import { GENERATION_SCENARIOS } from '../../harness/generation/scenarios.js';
import type { Profile, SettingsInput, Suite, Workload } from '../../harness/types.js';

/** Every runtime that runs the zoo transformers (WebGPU ones get an unavailable row without an adapter). */
export const TRANSFORMER_RUNTIMES = [
  'ort-node:cpu',
  'ort-web:wasm',
  'tfjs:cpu',
  'tfjs:wasm',
  'ort-node:webgpu',
  'tfjs:webgpu',
];

const SEED = 7;

interface Sizes {
  bert: Record<string, number>;
  seq: number;
  gpt: Record<string, number>;
  gen: SettingsInput;
  encoderSettings: SettingsInput;
  runtimes: string[];
}

const SIZES: Record<Profile, Sizes> = {
  quick: {
    bert: { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 1024, context: 64 },
    seq: 32,
    gpt: { layers: 2, hidden: 64, heads: 2, intermediate: 256, vocab: 512, context: 128 },
    gen: { 'gen.inputTokens': 16, 'gen.outputTokens': 16, minQueryCount: 16, minDurationMs: 500 },
    encoderSettings: { minQueryCount: 64, minDurationMs: 500, warmupQueries: 4, warmupMs: 100 },
    runtimes: ['ort-node:cpu'],
  },
  standard: {
    bert: { layers: 4, hidden: 512, heads: 8, intermediate: 2048, context: 128 },
    seq: 128,
    gpt: { layers: 4, hidden: 256, heads: 4, intermediate: 1024, vocab: 32000, context: 256 },
    gen: { 'gen.inputTokens': 32, 'gen.outputTokens': 32, minQueryCount: 16, minDurationMs: 2_000, timeoutMs: 600_000 },
    encoderSettings: { minQueryCount: 256, minDurationMs: 2_000, timeoutMs: 600_000 },
    runtimes: TRANSFORMER_RUNTIMES,
  },
  full: {
    bert: { context: 128 },
    seq: 128,
    gpt: { context: 256 },
    gen: {
      'gen.inputTokens': 64,
      'gen.outputTokens': 64,
      minQueryCount: 16,
      minDurationMs: 5_000,
      timeoutMs: 1_800_000,
    },
    encoderSettings: { minQueryCount: 256, minDurationMs: 5_000, timeoutMs: 1_800_000 },
    runtimes: TRANSFORMER_RUNTIMES,
  },
};

const describeSize = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'published defaults';

export const transformersSuite: Suite = {
  id: 'transformers',
  describe: () =>
    'A BERT encoder (single-stream, tokens/s) and GPT greedy generation with the KV cache (TTFT, TPOT, output tokens/s, bandwidth floor).',
  workloads(profile: Profile): Workload[] {
    const s = SIZES[profile];
    const vocab = s.bert.vocab ?? 30522;
    const ones = (n: number) => new Array<number>(n).fill(1);
    const bert: Workload = {
      id: `bert-${profile === 'quick' ? 'tiny' : profile === 'standard' ? 'small' : 'base'}-seq${s.seq}`,
      kind: 'inference',
      description: `BERT encoder (${describeSize(s.bert)}); batch 1, sequence ${s.seq}, single-stream`,
      model: { kind: 'zoo', arch: 'bert', params: s.bert, seed: SEED },
      scenarios: ['single-stream'],
      runtimes: s.runtimes,
      settings: s.encoderSettings,
      extra: {
        inputs: {
          shapes: { input_ids: [1, s.seq], attention_mask: [1, s.seq], token_type_ids: [1, s.seq] },
          values: { attention_mask: { data: ones(s.seq) }, token_type_ids: { data: new Array<number>(s.seq).fill(0) } },
          ranges: { input_ids: [0, vocab - 1] },
        },
        tokensPerSample: s.seq,
      },
    };
    const gpt: Workload = {
      id: `gpt-${profile === 'quick' ? 'tiny' : profile === 'standard' ? 'small' : '124m'}`,
      kind: 'generation',
      description: `GPT decoder with KV cache (${describeSize(s.gpt)}); greedy, ${String(s.gen['gen.inputTokens'])} prompt + ${String(s.gen['gen.outputTokens'])} output tokens`,
      model: { kind: 'zoo', arch: 'gpt', params: s.gpt, seed: SEED },
      scenarios: ['single-stream'],
      supports: [...GENERATION_SCENARIOS],
      runtimes: s.runtimes,
      settings: s.gen,
    };
    return [bert, gpt];
  },
};
