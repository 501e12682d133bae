/**
 * Server benchmark (not a test): a 1,000,000-query Server run on the null runtime. Prints the
 * peak RSS (goal <= 200 MB: latencies go to the HDR histogram, raw samples stop at
 * maxSamplesRetained) and the achieved vs target QPS (goal within 1 %).
 *
 *   npm run bench:server [-- <queries> <targetQps> <latencyUs>]
 */
import { defaultSettings } from '../harness/config/settings.js';
import { createNullRuntime } from '../harness/runtimes/null.js';
import { randomSamples, runScenario } from '../harness/scenarios/index.js';
import type { ModelArtifact, TensorSpec } from '../harness/types.js';

const queries = Number(process.argv[2] ?? 1_000_000);
const targetQps = Number(process.argv[3] ?? 20_000);
const latencyUs = Number(process.argv[4] ?? 5);

async function main(): Promise<void> {
  const inputs: TensorSpec[] = [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }];
  const model: ModelArtifact = {
    name: 'null',
    onnx: new Uint8Array(),
    inputs,
    outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 1] }],
  };
  const settings = {
    ...defaultSettings(),
    'null.latencyUs': latencyUs,
    'null.jitterPct': 10,
    targetQps,
    minQueryCount: queries,
    minDurationMs: 0,
    maxDurationMs: 3_600_000,
    latencyBoundNs: 10_000_000,
  };
  const { session } = await createNullRuntime().load(model, settings);
  const samples = randomSamples(inputs, 1024, 1);
  const rssBefore = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const r = await runScenario('server', session, samples, settings);
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
  const deviationPct = ((r.throughputPerS - targetQps) / targetQps) * 100;
  console.log(`server run on the null runtime (${latencyUs} us/query, 10 % jitter), node ${process.version}`);
  console.log(
    `queries: ${r.queryCount}, wall: ${wallS.toFixed(1)} s, verdict: ${r.validity.valid ? 'VALID' : 'INVALID'} ${r.validity.reasons.join('; ')}`,
  );
  console.log(
    `target QPS: ${targetQps}, achieved (completed samples/s): ${r.throughputPerS.toFixed(1)} (${deviationPct >= 0 ? '+' : ''}${deviationPct.toFixed(3)} %; goal within 1 %: ${Math.abs(deviationPct) <= 1 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `latency ns: p50 ${r.latencyNs.p50}, p99 ${r.latencyNs.p99}, max ${r.latencyNs.max}; raw samples kept: ${r.samplesNs.length} (capped: ${r.samplesCapped}), histogram ${r.histogramNs.data.length} base64 chars`,
  );
  console.log(
    `peak RSS: ${peakRssMb.toFixed(1)} MB (before the run ${(rssBefore / 1048576).toFixed(1)} MB; goal <= 200 MB: ${peakRssMb <= 200 ? 'met' : 'NOT met'})`,
  );
}

await main();
