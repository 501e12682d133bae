/**
 * The body of `mlbench model <file.onnx>` (imported only when the command runs). Everything the
 * user can get wrong is checked here, in the parent, before any job starts: the file is read
 * and its signature decoded (corrupt or truncated: exit 2 naming the file), `--shape` and
 * `--input` are resolved against the declared inputs (wrong shape: exit 2 naming the input and
 * its expected shape). The jobs then run through the ordinary pipeline (plan, one process per
 * job, result file), with the inputs request in `workload.extra.inputs` for the job process.
 * Runtimes that only build models from an architecture description (tfjs*) get a `skipped` row
 * with the reason; a runtime that cannot run an op fails its own job and the others go on.
 */
import path from 'node:path';
import { pinnedKeys, resolveChoices, resolveSettings, type RequestedOptions } from '../config/resolve.js';
import { formatDims, parseInputFlag, parseShapeFlag, resolveInputs, type InputsRequest } from '../inputs/index.js';
import { runJobs } from '../isolate/run-jobs.js';
import { assembleResult, probeRuntimes } from '../isolate/runner.js';
import { applyRoofline } from '../micro/roofline.js';
import { buildModel } from '../models/build-model.js';
import { readOnnxSignature } from '../models/onnx-read.js';
import { planJobs } from '../plan/plan.js';
import { RUNTIMES, runtimeIds } from '../runtimes/index.js';
import { collectMachine } from '../system/metadata.js';
import type { Job, Suite, Workload } from '../types.js';
import { TOOL_VERSION } from '../paths.js';
import type { JobResult } from '../../results/schema.js';
import { resultPath, writeResult } from '../../results/store.js';
import type { ModelFlags } from './model.js';
import { createProgress } from './progress.js';
import { failOnErrorCode, jobDetail, newRunId, resultFile, summaryTable } from './run-output.js';

/** Runtimes that take ONNX bytes as they are. The others build models from a description. */
export function takesOnnxFiles(runtimeId: string): boolean {
  return runtimeId.startsWith('ort-node:') || runtimeId.startsWith('ort-web:');
}

const SKIP_REASON = 'runs zoo and trained models only (it builds them from their architecture description); an ONNX file needs an ONNX runtime (ort-node:*, ort-web:wasm)';

/** Parses the repeatable --shape and --input flags into the request a job carries. */
export function inputsRequestFrom(flags: Pick<ModelFlags, 'shape' | 'input'>): InputsRequest {
  const request: InputsRequest = { shapes: {}, values: {} };
  for (const text of flags.shape ?? []) {
    const [name, dims] = parseShapeFlag(text);
    request.shapes[name] = dims;
  }
  for (const text of flags.input ?? []) {
    const [name, values] = parseInputFlag(text);
    request.values[name] = values;
  }
  return request;
}

export async function executeModel(file: string, flags: ModelFlags, commandLine: string): Promise<number> {
  const requested: RequestedOptions = {
    runtimes: flags.runtime,
    scenarios: flags.scenario,
    resultsDir: flags.resultsDir,
    timeout: flags.timeout,
    set: flags.set,
    flagNames: { minDurationMs: '--min-duration', minQueryCount: '--min-queries', targetQps: '--target-qps', latencyBoundNs: '--latency-bound' },
    flags: { minDurationMs: flags.minDuration, minQueryCount: flags.minQueries, targetQps: flags.targetQps, latencyBoundNs: flags.latencyBound },
  };
  const choices = resolveChoices(requested, { suites: [], runtimes: runtimeIds() });
  const settings = resolveSettings(requested);

  const modelPath = path.resolve(file);
  const model = await buildModel({ kind: 'file', path: file });
  const signature = readOnnxSignature(model.onnx, file);
  const request = inputsRequestFrom(flags);
  const inputs = resolveInputs(model.inputs, request, file);

  const name = path.basename(file, path.extname(file));
  const allRuntimes = Object.keys(RUNTIMES).filter((r) => r !== 'null');
  const workload: Workload = {
    id: name,
    kind: 'inference',
    description: `ONNX file ${file} (${signature.producer || 'unknown producer'}, IR ${signature.irVersion}, ${signature.nodeCount} nodes)`,
    model: { kind: 'file', path: modelPath },
    scenarios: ['single-stream'],
    runtimes: allRuntimes,
    extra: { inputs: request },
  };
  const suite: Suite = { id: 'model', describe: () => `mlbench model ${file}`, workloads: () => [workload] };
  const jobs = planJobs({
    suites: [suite], profile: 'quick', runtimes: choices.runtimes, allRuntimes, scenarios: choices.scenarios, settings, pinned: pinnedKeys(requested),
  });

  const progress = createProgress();
  progress.note(`mlbench ${TOOL_VERSION}: ${file}: ${inputs.map((i) => `${i.name} ${formatDims(i.dims)} ${i.dtype}${i.fixed ? ' (fixed)' : ''}`).join(', ')}`);
  const onnxJobs = jobs.filter((j) => takesOnnxFiles(j.runtime));
  const startedAt = new Date();
  const [machine, probes] = await Promise.all([collectMachine(), probeRuntimes([...new Set(onnxJobs.map((j) => j.runtime))])]);
  const runId = newRunId(startedAt);

  progress.start(onnxJobs.length);
  const ran = await runJobs(onnxJobs, {
    probes,
    onStart: (i, job) => progress.jobStarted(i, job.id),
    onDone: (i, r) => {
      progress.jobDone(i, r.id, r.status, jobDetail(r));
      if (flags.verbose && r.summary) progress.note(r.summary);
    },
  });
  progress.stop();
  const byId = new Map(ran.map((r) => [r.id, r]));
  const skipped = (job: Job): JobResult => assembleResult(job, { status: 'skipped', error: { code: 'E_SKIPPED', message: `${job.runtime} ${SKIP_REASON}` } }, { startedAt: startedAt.toISOString(), wallMs: 0, peakRssBytes: null });
  const results = await applyRoofline(jobs.map((j) => byId.get(j.id) ?? skipped(j)), { runId, resultsDir: choices.resultsDir, machineId: machine.id });

  const result = resultFile({
    runId, startedAt, commandLine, machine,
    settings: { ...settings, model: modelPath, inputs: request, runtimes: [...new Set(jobs.map((j) => j.runtime))], scenarios: choices.scenarios },
  }, results);
  const out = resultPath(choices.resultsDir, machine.id, runId);
  await writeResult(out, result);
  process.stdout.write(`\n${summaryTable(results)}\n\nresult file: ${out}\n`);
  return failOnErrorCode(results, flags.failOnError);
}
