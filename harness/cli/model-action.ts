/**
 * The body of `mlbench model <file>` (imported only when the command runs). Everything the
 * user can get wrong is checked here, in the parent, before any job starts: the file is read
 * and its signature decoded (corrupt or truncated: exit 2 naming the file), `--shape`, `--input`
 * and `--input-range` are resolved against the declared inputs (wrong shape: exit 2 naming the
 * input and its expected shape). The jobs then run through the ordinary pipeline (plan, one
 * process per job, result file), with the inputs request in `workload.extra.inputs` for the
 * job process. Runtimes that cannot take the file's format (tfjs for ONNX, ONNX runtimes for a
 * tfjs model.json) get a `skipped` row with the reason; a runtime that cannot run an op fails
 * its own job and the others go on.
 */
import path from 'node:path';
import { pinnedKeys, resolveChoices, resolveSettings, type RequestedOptions } from '../config/resolve.js';
import {
  formatDims,
  parseInputFlag,
  parseRangeFlag,
  parseShapeFlag,
  resolveInputs,
  type InputsRequest,
} from '../inputs/index.js';
import { assembleResult } from '../isolate/runner.js';
import { buildModel } from '../models/build-model.js';
import { readOnnxSignature } from '../models/onnx-read.js';
import { referenceNote } from '../models/onnx-eval/index.js';
import { onnxPrecision, precisionNote } from '../models/onnx-precision.js';
import { decoderLayout, isDecoderSignature } from '../generation/decoder-layout.js';
import { GENERATION_SCENARIOS } from '../generation/scenarios.js';
import { UsageError } from '../errors.js';
import { planJobs } from '../plan/plan.js';
import { runtimeIds, runtimesWhere, takesModelFormat } from '../runtimes/index.js';
import type { Job, ModelArtifact, Suite, Workload } from '../types.js';
import { TOOL_VERSION } from '../paths.js';
import type { JobResult } from '../../results/schema.js';
import type { ModelFlags } from './model.js';
import { createProgress } from './progress.js';
import { crossoverText, failOnErrorCode, summaryTable } from './run-output.js';
import { executePlan, type RunPlan } from './execute-plan.js';
import { settingFlags } from './shared-flags.js';

/** Runtimes that take ONNX bytes as they are (the descriptor's `onnx` format). */
export const takesOnnxFiles = (runtimeId: string): boolean => takesModelFormat(runtimeId, 'onnx');

/** Runtimes that load a TensorFlow.js model.json (the descriptor's `tfjs-json` format). */
export const takesTfjsFiles = (runtimeId: string): boolean => takesModelFormat(runtimeId, 'tfjs-json');

const SKIP_ONNX =
  'cannot run an ONNX file (tfjs runs zoo and trained models and TensorFlow.js model.json files); an ONNX file needs an ONNX runtime (ort-node:*, ort-web:wasm)';
const SKIP_TFJS =
  'cannot run a TensorFlow.js model.json; it needs a tfjs runtime (tfjs:cpu, tfjs:wasm, tfjs-node:tensorflow)';

/** Parses the repeatable --shape, --input and --input-range flags into the request a job carries. */
export function inputsRequestFrom(flags: Pick<ModelFlags, 'shape' | 'input' | 'inputRange'>): InputsRequest {
  const request: InputsRequest = { shapes: {}, values: {} };
  for (const text of flags.inputRange ?? []) {
    const [name, range] = parseRangeFlag(text);
    (request.ranges ??= {})[name] = range;
  }
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
    ...settingFlags('model', flags),
  };
  const choices = resolveChoices(requested, { suites: [], runtimes: runtimeIds() });
  const settings = resolveSettings(requested);

  const modelPath = path.resolve(file);
  const model = await buildModel({ kind: 'file', path: file });
  const request = inputsRequestFrom(flags);
  // A decoder in optimum's layout runs as generation (its cache inputs are fed by the decode loop).
  const decoder = !model.tfjs && isDecoderSignature(model.inputs, model.outputs);
  const layout = decoder
    ? decoderLayout(
        model.decoderWithPast?.inputs ?? model.inputs,
        model.decoderWithPast?.outputs ?? model.outputs,
        file,
      )
    : undefined;
  const ladder = flags.seq ? encoderLadder(model, parseSeqFlag(flags.seq), request, file) : undefined;
  const inputs = decoder ? [] : resolveInputs(model.inputs, ladder ? ladder[0]!.request : request, file);
  const { description, notes } = describeModel(model, file);
  // The file's precision (its parity tolerance) and the parity reference, recorded and shown.
  const precision = model.tfjs ? undefined : onnxPrecision(model.onnx);
  const parityNotes = precision ? [precisionNote(precision), ...(decoder ? [] : [referenceNote(model)])] : [];
  notes.push(...parityNotes);
  if (layout)
    notes.push(
      `decoder (optimum layout): ${layout.layers} layers, ${layout.cache[0]!.heads} heads x ${layout.cache[0]!.headDim}, ${layout.useCacheBranch ? 'merged (use_cache_branch)' : model.decoderWithPast ? 'decoder_model + decoder_with_past_model' : layout.takesCache ? 'with past' : 'no cache input: every step recomputes the prefix'}; runs as generation (greedy, fixed output length)`,
    );
  const takes = model.tfjs ? takesTfjsFiles : takesOnnxFiles;

  // model.json is named by its folder (my-model/model.json -> my-model).
  const base = path.basename(file, path.extname(file));
  const name = model.tfjs && base === 'model' ? path.basename(path.dirname(modelPath)) : base;
  // Every runtime that runs real files is offered (the null runtime runs zoo models only); one that
  // cannot take this file's format gets a skipped row.
  const allRuntimes = runtimesWhere((d) => d.modelFormats.includes('onnx') || d.modelFormats.includes('tfjs-json'));
  const workload: Workload = decoder
    ? {
        id: name,
        kind: 'generation',
        description,
        model: { kind: 'file', path: modelPath },
        scenarios: ['single-stream'],
        supports: [...GENERATION_SCENARIOS],
        runtimes: allRuntimes,
        // Requests are whole generations: fewer than single queries, as LoadGen's LLM settings have.
        settings: { minQueryCount: 16, minDurationMs: 1_000 },
      }
    : {
        id: name,
        kind: 'inference',
        description,
        model: { kind: 'file', path: modelPath },
        scenarios: ['single-stream'],
        runtimes: allRuntimes,
        extra: { inputs: request },
      };
  const workloads = ladder
    ? ladder.map(({ seq, request: r }): Workload => ({
        ...workload,
        id: `${name}-seq${seq}`,
        description: `${description}; sequence ${seq}`,
        extra: { inputs: r, tokensPerSample: seq, sweep: { axis: 'seq', value: seq, base: name } },
      }))
    : [workload];
  const suite: Suite = { id: 'model', describe: () => `mlbench model ${file}`, workloads: () => workloads };
  const jobs = planJobs({
    suites: [suite],
    profile: 'quick',
    runtimes: choices.runtimes,
    allRuntimes,
    scenarios: choices.scenarios,
    settings,
    pinned: pinnedKeys(requested),
  });

  const progress = createProgress();
  progress.note(
    `mlbench ${TOOL_VERSION}: ${file}: ${decoder ? 'generation' : ''}${ladder ? `sequence ladder ${ladder.map((l) => l.seq).join(', ')}: ` : ''}${inputs.map((i) => `${i.name} ${formatDims(i.dims)} ${i.dtype}${i.fixed ? ' (fixed)' : i.range ? ` in ${i.range.join('..')}` : ''}`).join(', ')}`,
  );
  for (const note of notes) progress.note(note);
  const runtimesUsed = [...new Set(jobs.map((j) => j.runtime))];
  const plan: RunPlan = {
    jobs,
    commandLine,
    args: commandLine.split(' '),
    resultsDir: choices.resultsDir,
    reportDir: flags.report !== false && flags.reportDir ? flags.reportDir : null,
    settings: {
      ...settings,
      model: modelPath,
      inputs: request,
      ...(notes.length ? { modelNotes: notes } : {}),
      ...(precision ? { modelPrecision: precision } : {}),
    },
    choices: { runtimes: runtimesUsed, scenarios: choices.scenarios, resultsDir: choices.resultsDir },
  };
  const skipped = (job: Job, at: string): JobResult =>
    assembleResult(
      job,
      {
        status: 'skipped',
        error: { code: 'E_SKIPPED', message: `${job.runtime} ${model.tfjs ? SKIP_TFJS : SKIP_ONNX}` },
      },
      { startedAt: at, wallMs: 0, peakRssBytes: null },
    );
  const {
    file: out,
    result,
    results,
  } = await executePlan(plan, {
    progress,
    verbose: flags.verbose,
    // Runtimes that cannot take the file's format are recorded as skipped, never started.
    select: () => ({
      carried: jobs.filter((j) => !takes(j.runtime)).map((j) => skipped(j, new Date().toISOString())),
      toRun: jobs.filter((j) => takes(j.runtime)),
    }),
    onJobDone: (r) => {
      if (flags.verbose && r.summary) progress.note(r.summary);
    },
  });
  process.stdout.write(
    `\n${summaryTable(results)}\n${parityNotes.map((n) => `${n}\n`).join('')}${crossoverText(results)}\nresult file: ${out}\n`,
  );
  if (plan.reportDir !== null) {
    try {
      const { writeReport } = await import('../../reports/index.js');
      const report = await writeReport([{ file: out, result }], plan.reportDir);
      const index = report.files.find((f) => f.endsWith('index.html'));
      if (index) process.stdout.write(`report: ${index}\n`);
    } catch (err) {
      process.stderr.write(
        `warning: the report could not be written (${(err as Error).message}); the result file is complete.\n`,
      );
    }
  }
  return failOnErrorCode(results, flags.failOnError);
}

/** Parses `--seq 32,128,512` into sequence lengths (positive integers). */
export function parseSeqFlag(text: string): number[] {
  const seqs = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map(Number);
  if (seqs.length === 0 || !seqs.every((n) => Number.isInteger(n) && n > 0)) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--seq ${text}: expected comma-separated positive integers, e.g. --seq 32,128,512`,
    );
  }
  return [...new Set(seqs)];
}

/**
 * The sequence ladder of an encoder (`--seq`): per length, the inputs request with input_ids,
 * attention_mask and token_type_ids (where present) at [1, seq], the attention mask all ones
 * unless `--input attention_mask=...` fixes it. Refused (E_BAD_FLAG) for a model without an
 * int64/int32 `input_ids` input.
 */
export function encoderLadder(
  model: ModelArtifact,
  seqs: number[],
  base: InputsRequest,
  file: string,
): Array<{ seq: number; request: InputsRequest }> {
  const ids = model.inputs.find((i) => i.name === 'input_ids');
  if (!ids || (ids.dtype !== 'int64' && ids.dtype !== 'int32')) {
    throw new UsageError(
      'E_BAD_FLAG',
      `--seq: ${file} has no int64 input "input_ids" (inputs: ${model.inputs.map((i) => `${i.name} ${i.dtype}`).join(', ')}); --seq times encoders with input_ids/attention_mask`,
    );
  }
  const seqInputs = model.inputs.filter((i) => ['input_ids', 'attention_mask', 'token_type_ids'].includes(i.name));
  return seqs.map((seq) => {
    const request: InputsRequest = {
      shapes: { ...base.shapes },
      values: { ...base.values },
      ...(base.ranges ? { ranges: { ...base.ranges } } : {}),
    };
    for (const i of seqInputs) request.shapes[i.name] ??= [1, seq];
    if (model.inputs.some((i) => i.name === 'attention_mask') && !base.values.attention_mask)
      request.values.attention_mask = { data: new Array<number>(seq).fill(1) };
    return { seq, request };
  });
}

/** One line describing the file for the result, and notes for the terminal (skipped outputs). */
function describeModel(model: ModelArtifact, file: string): { description: string; notes: string[] } {
  if (model.tfjs) {
    return {
      description: `TensorFlow.js ${model.tfjs.format} ${file} (${model.parameters ?? 0} parameters)`,
      notes: [],
    };
  }
  const signature = readOnnxSignature(model.onnx, file);
  const notes = signature.skippedOutputs.map(
    (o) =>
      `note: output "${o.name}" (${o.type}) is not a tensor; it is skipped and the tensor outputs (${signature.outputs.map((t) => t.name).join(', ')}) are fetched.`,
  );
  if (signature.externalData.length)
    notes.push(
      `note: weights in external data ${signature.externalData.join(', ')} (read from ${path.dirname(path.resolve(file))}).`,
    );
  const description = `ONNX file ${file} (${signature.producer || 'unknown producer'}, IR ${signature.irVersion}, ${signature.nodeCount} nodes${signature.skippedOutputs.length ? `; skipped non-tensor outputs: ${signature.skippedOutputs.map((o) => o.name).join(', ')}` : ''})`;
  return { description, notes };
}
