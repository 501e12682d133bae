/**
 * `precision`: the same MobileNet-like and BERT-style zoo models exported at fp32, fp16 and int8
 * (and bert at int8w, weight-only), timed single-stream on each runtime and scored against the
 * float64 reference (harness/models/precision). A runtime that has no kernels for a precision
 * records `unavailable` with the reason it found. The report's precision table
 * (reports/precision-table.ts) puts each model's precision x runtime speed (x vs fp32 on the same
 * runtime) beside the error change; `npm run bench:precision` prints the same.
 *
 * Sizes: `quick` is CI-sized (32x32 MobileNet width 8, 2-layer bert hidden 64 at sequence 16);
 * `standard` is MobileNet v1 at 224x224 (the zoo's standard) and a BERT-mini-sized encoder
 * (4 layers, hidden 256, 4 heads, intermediate 1024, BERT's 30,522-token vocabulary) at
 * sequence 128, sized so the whole suite on ort-node:cpu and ort-web:wasm fits in about five
 * minutes on a quiet 2-core machine (BERT-base's float64 reference alone takes ~30 s a sample).
 * Parity's float64 comparisons (4 samples, batch 1) are the accuracy samples.
 */
import type { Precision, Profile, ResolvedSettings, Suite, Workload } from '../../harness/types.js';

export const PRECISION_RUNTIMES = ['ort-node:cpu', 'ort-web:wasm', 'ort-node:webgpu', 'tfjs:wasm'] as const;

const SEED = 13;

interface PrecisionModel {
  id: string;
  arch: 'mobilenet' | 'bert';
  params: Record<string, number>;
  precisions: Precision[];
  what: string;
  /** Encoders: the sequence length fed (input_ids in [0, vocab), attention mask all ones). */
  seq?: number;
}

function models(profile: Profile): PrecisionModel[] {
  const quick = profile === 'quick';
  const bert = quick
    ? { layers: 2, hidden: 64, heads: 2, intermediate: 128, vocab: 100, context: 16 }
    : { layers: 4, hidden: 256, heads: 4, intermediate: 1024, vocab: 30522, context: 128 };
  return [
    {
      id: quick ? 'mobilenet-q32' : 'mobilenet-224',
      arch: 'mobilenet',
      precisions: ['fp32', 'fp16', 'int8'],
      params: quick ? { resolution: 32, width: 8, depth: 4, classes: 10 } : {},
      what: quick
        ? 'MobileNet-like, 32x32, width 8, 4 blocks, 10 classes'
        : 'MobileNet-v1-like, 224x224, width 32, 13 blocks, 1000 classes',
    },
    {
      id: quick ? 'bert-q16' : 'bert-mini-s128',
      arch: 'bert',
      precisions: ['fp32', 'fp16', 'int8', 'int8w'],
      params: bert,
      seq: bert.context,
      what: `BERT-style encoder, ${bert.layers} layers, hidden ${bert.hidden}, sequence ${bert.context}`,
    },
  ];
}

function settingsFor(profile: Profile): Partial<ResolvedSettings> {
  if (profile === 'quick')
    return { minDurationMs: 300, minQueryCount: 16, warmupQueries: 2, warmupMs: 50, batchSize: 1 };
  return { minDurationMs: 3_000, minQueryCount: 32, warmupQueries: 2, warmupMs: 200, batchSize: 1, timeoutMs: 300_000 };
}

function workloadsOf(m: PrecisionModel, profile: Profile): Workload[] {
  const inputs = m.seq
    ? {
        shapes: { input_ids: [1, m.seq], attention_mask: [1, m.seq], token_type_ids: [1, m.seq] },
        values: { attention_mask: { data: new Array<number>(m.seq).fill(1) } },
        ranges: { input_ids: [0, m.params.vocab! - 1], token_type_ids: [0, 1] },
      }
    : undefined;
  return m.precisions.map((precision): Workload => ({
    id: `${m.id}-${precision}`,
    kind: 'inference',
    description: `${m.what}; ${precision}; batch 1, single-stream`,
    model: { kind: 'zoo', arch: m.arch, params: { ...m.params, precision }, seed: SEED },
    scenarios: ['single-stream'],
    runtimes: [...PRECISION_RUNTIMES],
    settings: settingsFor(profile),
    ...(inputs ? { extra: { inputs, tokensPerSample: m.seq } } : {}),
  }));
}

export const precisionSuite: Suite = {
  id: 'precision',
  describe: () =>
    'MobileNet-like and BERT-style zoo models at fp32, fp16 and int8 (bert also int8 weight-only): speed per runtime and error against the float64 reference.',
  workloads: (profile: Profile) => models(profile).flatMap((m) => workloadsOf(m, profile)),
};
