/**
 * The job process's side of a generation job (`workload.kind === 'generation'`): build the
 * model, create the session (cold start), generate one short request (first run), measure the
 * scenario with harness/generation/scenarios.ts, then the machine's copy bandwidth for the
 * decode floor. A runtime whose session cannot generate fails its job with the reason.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { JobOutcome } from '../isolate/protocol.js';
import { measureCopyBandwidth } from '../micro/stream-copy.js';
import { buildModel } from '../models/index.js';
import { createRuntime } from '../runtimes/index.js';
import type { Job, ModelArtifact } from '../types.js';
import { bandwidthFloor } from './bandwidth-floor.js';
import { decoderLayout } from './decoder-layout.js';
import { runGenerationScenario } from './scenarios.js';

const msSince = (t0: number) => performance.now() - t0;

/** Bytes of the model that decodes: its ONNX bytes plus its external data files. */
export async function weightsBytes(model: ModelArtifact): Promise<number> {
  const m = model.decoderWithPast ?? model;
  let bytes = m.onnx.byteLength;
  for (const loc of m.file?.externalData ?? [])
    bytes += (await stat(path.resolve(path.dirname(m.file!.path), loc))).size;
  return bytes;
}

export async function executeGenerationJob(job: Job, progress: (message: string) => void): Promise<JobOutcome> {
  const runtime = await createRuntime(job.runtime);
  const settings = job.settings;
  let t0 = performance.now();
  const model = await buildModel(job.workload.model);
  const loadMs = msSince(t0);
  const name = model.file?.path ?? model.name;
  const layout = decoderLayout(
    model.decoderWithPast?.inputs ?? model.inputs,
    model.decoderWithPast?.outputs ?? model.outputs,
    name,
  );
  t0 = performance.now();
  const { session, info } = await runtime.load(model, settings);
  const sessionCreateMs = msSince(t0);
  const runtimeInfo = { version: null, threads: info.threads, options: info.options };
  try {
    if (!session.generate) {
      return {
        status: 'failed',
        runtimeInfo,
        error: {
          code: 'E_RUNTIME',
          message: `${job.runtime} cannot generate with ${name} (its session has no generate)`,
        },
      };
    }
    // gen.vocabSize, when set, replaces the logits' dim (generationSettings reads it).
    const vocabSize = layout.vocab ?? 0;
    if (!vocabSize && settings['gen.vocabSize'] === 0)
      return {
        status: 'failed',
        runtimeInfo,
        error: {
          code: 'E_BAD_MODEL',
          message: `${name}: the logits' vocab dim is symbolic; set gen.vocabSize (--set gen.vocabSize=N)`,
        },
      };
    t0 = performance.now();
    await session.generate({ inputIds: [0], outputTokens: 2 }, () => {});
    const firstRunMs = msSince(t0);
    progress(`${job.id}: generating (${job.scenario})`);
    const scenario = await runGenerationScenario(job.scenario, session, vocabSize, settings);
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    const g = scenario.generation;
    // The cache matters to the floor only when decoding uses it; uncached steps recompute everything.
    const bandwidth = measureCopyBandwidth();
    const floor =
      g.tpotNs && g.useCache && layout.takesCache
        ? bandwidthFloor({
            weightsBytes: await weightsBytes(model),
            layout,
            meanInputTokens: g.inputTokens / g.requests,
            meanOutputTokens: g.outputTokens / g.requests,
            bandwidthGBPerS: bandwidth.gbPerS,
            bandwidthSource: bandwidth.method,
            tpotP50Ns: g.tpotNs.p50,
          })
        : undefined;
    return {
      ...scenario,
      generation: { ...g, ...(floor ? { bandwidthFloor: floor } : {}) },
      runtimeInfo,
      coldStart: { loadMs, sessionCreateMs, firstRunMs },
      memory: { peakRssBytes },
    };
  } finally {
    await session.dispose();
  }
}
