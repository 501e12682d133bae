/**
 * ModelRef -> ModelArtifact: the one entry point a job uses to get a model. Zoo and trained
 * models go through the architecture description (ONNX bytes + tfjs-ready resolved weights +
 * FLOPs + parameters); ONNX files are read as they are.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { ModelArtifact, ModelRef } from '../types.js';
import { ARCH_FORMAT, ARCH_VERSION, type ArchDescription } from '../arch.js';
import { exportOnnx } from './onnx-export.js';
import { readOnnxSignature } from './onnx-read.js';
import { resolveArch } from './weights.js';
import { zooDescription } from './zoo.js';
import { applyPrecision, parsePrecision } from './precision/index.js';
import { isTransformerArch, transformerArtifact } from './transformer/index.js';

/** Builds the artifact of an architecture description (zoo or trained). */
export function artifactFromDescription(desc: ArchDescription): ModelArtifact {
  const { arch, stats } = resolveArch(desc);
  return {
    name: desc.name,
    onnx: exportOnnx(arch),
    inputs: [{ name: desc.input.name, dtype: 'float32', dims: ['batch', ...desc.input.dims] }],
    outputs: [{ name: desc.output.name, dtype: 'float32', dims: ['batch', ...stats.outputDims] }],
    arch,
    flopsPerSample: stats.flopsPerSample,
    parameters: stats.parameters,
  };
}

/**
 * Checks the outer fields of a parsed description file; layer-level checks happen in
 * resolveArch. `file` names the source in errors.
 */
export function parseArchDescription(value: unknown, file: string): ArchDescription {
  const v = value as Partial<ArchDescription> | null;
  const fail = (what: string): never => {
    throw new UsageError('E_BAD_MODEL', `${file}: not an mlbench architecture description: ${what}`);
  };
  if (!v || typeof v !== 'object') return fail('expected a JSON object');
  if (v.format !== ARCH_FORMAT) return fail(`"format" must be "${ARCH_FORMAT}", got ${JSON.stringify(v.format)}`);
  if (v.version !== ARCH_VERSION)
    return fail(`"version" ${JSON.stringify(v.version)} is not supported (this mlbench reads version ${ARCH_VERSION})`);
  if (typeof v.name !== 'string' || v.name === '') return fail('"name" must be a non-empty string');
  if (
    !v.input ||
    typeof v.input.name !== 'string' ||
    !Array.isArray(v.input.dims) ||
    !v.input.dims.every((d) => Number.isInteger(d) && d > 0)
  ) {
    return fail('"input" must be {name: string, dims: positive integers}');
  }
  if (!v.output || typeof v.output.name !== 'string') return fail('"output" must be {name: string}');
  if (!Array.isArray(v.layers) || v.layers.length === 0) return fail('"layers" must be a non-empty array');
  return { ...v, seed: typeof v.seed === 'number' ? v.seed : 0 } as ArchDescription;
}

async function readModelFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: cannot read the model file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}

/**
 * Builds a model from its reference. Throws UsageError E_BAD_MODEL (naming the file, arch,
 * param or layer) for anything wrong with the reference.
 */
export async function buildModel(ref: ModelRef): Promise<ModelArtifact> {
  switch (ref.kind) {
    case 'zoo': {
      // `precision` is an export choice, not a size param: the fp32 export is rewritten (models/precision).
      const { precision: requested, ...params } = ref.params ?? {};
      const precision = requested === undefined ? 'fp32' : parsePrecision(requested, `zoo model ${ref.arch}`);
      const artifact = isTransformerArch(ref.arch)
        ? transformerArtifact(ref.arch, params, ref.seed)
        : artifactFromDescription(zooDescription(ref.arch, params, ref.seed));
      if (precision === 'fp32') return artifact;
      return {
        ...artifact,
        name: `${artifact.name}-${precision}`,
        onnx: applyPrecision(artifact.onnx, precision),
        precision,
      };
    }
    case 'trained': {
      const text = (await readModelFile(ref.path)).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new UsageError('E_BAD_MODEL', `${ref.path}: not valid JSON (${(err as Error).message})`);
      }
      return artifactFromDescription(parseArchDescription(json, ref.path));
    }
    case 'file': {
      const bytes = new Uint8Array(await readModelFile(ref.path));
      // A TensorFlow.js model.json is JSON ('{'); an ONNX ModelProto starts with a protobuf tag.
      if (bytes[0] === 0x7b || ref.path.toLowerCase().endsWith('.json')) {
        const { readTfjsModel } = await import('./tfjs-read.js');
        return readTfjsModel(ref.path, bytes);
      }
      const sig = readOnnxSignature(bytes, ref.path);
      const artifact: ModelArtifact = {
        name: sig.graphName || path.basename(ref.path, path.extname(ref.path)),
        onnx: bytes,
        inputs: sig.inputs,
        outputs: sig.outputs,
        file: { path: path.resolve(ref.path), externalData: sig.externalData },
      };
      // optimum's unmerged pair: decoder_model.onnx (prefill) beside decoder_with_past_model.onnx.
      const withPast = path.join(path.dirname(ref.path), 'decoder_with_past_model.onnx');
      if (path.basename(ref.path) === 'decoder_model.onnx' && existsSync(withPast))
        artifact.decoderWithPast = await buildModel({ kind: 'file', path: withPast });
      return artifact;
    }
    default:
      throw new UsageError(
        'E_BAD_MODEL',
        `unknown model kind ${JSON.stringify((ref as { kind?: unknown }).kind)}. Valid kinds: zoo, file, trained.`,
      );
  }
}
