/**
 * Reads a TensorFlow.js `model.json` someone else wrote (bring your own model): a layers model
 * (`model.save('file://...')`, format `layers-model`) or a graph model (tensorflowjs_converter,
 * format `graph-model`), with its weight shards next to it.
 *
 * - The signature (input names, dtypes, dims) comes from the JSON alone, so the parent process
 *   does not load tfjs: layers models from the InputLayer / first layer's `batch_input_shape`,
 *   graph models from `signature.inputs` or, failing that, the Placeholder nodes.
 * - The sessions load it through a tfjs IO handler that reads the shards from disk
 *   (harness/runtimes/tfjs-session.ts fileIOHandler: no network, no `file://` router).
 * Anything malformed is a UsageError E_BAD_MODEL naming the file.
 * Format reference: tfjs-core src/io/types.ts (ModelJSON, WeightsManifestConfig).
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { DType, ModelArtifact, TensorSpec } from '../types.js';

type Json = Record<string, unknown>;
type TfjsFormat = 'layers-model' | 'graph-model';

/** TensorFlow DataType names in graph-model signatures -> the dtypes tfjs computes in. */
const TF_DTYPES: Record<string, DType> = {
  DT_FLOAT: 'float32',
  DT_HALF: 'float32',
  DT_DOUBLE: 'float32',
  DT_INT32: 'int32',
  DT_INT64: 'int32',
  DT_INT16: 'int32',
  DT_INT8: 'int32',
  DT_UINT8: 'int32',
  DT_BOOL: 'bool',
  DT_STRING: 'string',
};

function dimsOf(shape: unknown, name: string): Array<number | string> {
  if (!Array.isArray(shape)) return [];
  return shape.map((d, axis) => (typeof d === 'number' && d > 0 ? d : axis === 0 ? 'batch' : `${name}_dim${axis}`));
}

function layerDtype(dtype: unknown): DType {
  return dtype === 'int32' ? 'int32' : dtype === 'bool' ? 'bool' : dtype === 'string' ? 'string' : 'float32';
}

/** Inputs and outputs of a layers model from its topology (Sequential or functional). */
function layersSignature(topology: Json, file: string): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  const root = (topology.model_config ?? topology) as Json;
  const config = root.config as Json | undefined;
  const layers = (Array.isArray(config) ? config : (config?.layers as unknown[] | undefined)) as Json[] | undefined;
  if (!layers?.length) throw new UsageError('E_BAD_MODEL', `${file}: layers-model has no layers in modelTopology.`);
  const cfg = (l: Json) => (l.config ?? {}) as Json;
  const shapeOf = (c: Json) => c.batch_input_shape ?? c.batchInputShape ?? (c.batch_shape as unknown);
  if (root.class_name === 'Sequential') {
    const first = cfg(layers[0]!);
    const input = first.name ? `${String(first.name)}_input` : 'input';
    if (layers[0]!.class_name === 'InputLayer') {
      return {
        inputs: [
          {
            name: String(first.name),
            dtype: layerDtype(first.dtype),
            dims: dimsOf(shapeOf(first), String(first.name)),
          },
        ],
        outputs: [{ name: String(cfg(layers.at(-1)!).name ?? 'output'), dtype: 'float32', dims: [] }],
      };
    }
    if (!shapeOf(first))
      throw new UsageError(
        'E_BAD_MODEL',
        `${file}: the first layer has no batch_input_shape; mlbench cannot tell the input shape.`,
      );
    return {
      inputs: [{ name: input, dtype: layerDtype(first.dtype), dims: dimsOf(shapeOf(first), input) }],
      outputs: [{ name: String(cfg(layers.at(-1)!).name ?? 'output'), dtype: 'float32', dims: [] }],
    };
  }
  const byName = new Map(layers.map((l) => [String(cfg(l).name ?? l.name), l]));
  const names = (key: string) => (((config as Json)[key] as unknown[][] | undefined) ?? []).map((e) => String(e[0]));
  const inputs = names('input_layers').map((n): TensorSpec => {
    const c = cfg(byName.get(n) ?? {});
    return { name: n, dtype: layerDtype(c.dtype), dims: dimsOf(shapeOf(c), n) };
  });
  if (!inputs.length) throw new UsageError('E_BAD_MODEL', `${file}: layers-model lists no input_layers.`);
  return { inputs, outputs: names('output_layers').map((n) => ({ name: n, dtype: 'float32', dims: [] })) };
}

/** Inputs and outputs of a graph model: the converter's signature, else Placeholder nodes. */
function graphSignature(json: Json, file: string): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  const sig = (json.signature ?? (json.userDefinedMetadata as Json | undefined)?.signature) as Json | undefined;
  const tensorSpec = (key: string, v: Json): TensorSpec => {
    const name = String(v.name ?? key).replace(/:0$/, '');
    const dims = (((v.tensorShape as Json | undefined)?.dim as Json[] | undefined) ?? []).map((d) =>
      Number(d.size ?? -1),
    );
    return { name, dtype: TF_DTYPES[String(v.dtype)] ?? 'float32', dims: dimsOf(dims, name) };
  };
  if (sig?.inputs) {
    return {
      inputs: Object.entries(sig.inputs as Record<string, Json>).map(([k, v]) => tensorSpec(k, v)),
      outputs: Object.entries((sig.outputs ?? {}) as Record<string, Json>).map(([k, v]) => tensorSpec(k, v)),
    };
  }
  const nodes = ((json.modelTopology as Json | undefined)?.node ?? []) as Json[];
  const inputs = nodes
    .filter((n) => n.op === 'Placeholder')
    .map((n): TensorSpec => {
      const attr = (n.attr ?? {}) as Record<string, Json>;
      const dims = (((attr.shape?.shape as Json | undefined)?.dim as Json[] | undefined) ?? []).map((d) =>
        Number(d.size ?? -1),
      );
      return {
        name: String(n.name),
        dtype: TF_DTYPES[String(attr.dtype?.type)] ?? 'float32',
        dims: dimsOf(dims, String(n.name)),
      };
    });
  if (!inputs.length)
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: graph-model has neither a signature nor Placeholder nodes; mlbench cannot tell its inputs.`,
    );
  return { inputs, outputs: [] };
}

/** The artifact of a tfjs model.json (`bytes` is the file's content). */
export function readTfjsModel(file: string, bytes: Uint8Array): ModelArtifact {
  let json: Json;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch (err) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: a .json model must be a TensorFlow.js model.json, but it is not valid JSON (${(err as Error).message}).`,
    );
  }
  const topology = json.modelTopology as Json | undefined;
  if (!topology || typeof topology !== 'object' || !Array.isArray(json.weightsManifest)) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: not a TensorFlow.js model.json (it needs "modelTopology" and "weightsManifest"; an mlbench architecture description goes through the zoo, an ONNX model is a .onnx file).`,
    );
  }
  const format: TfjsFormat =
    json.format === 'graph-model' || Array.isArray(topology.node) ? 'graph-model' : 'layers-model';
  const { inputs, outputs } = format === 'layers-model' ? layersSignature(topology, file) : graphSignature(json, file);
  const parameters = (json.weightsManifest as Json[])
    .flatMap((g) => (g.weights ?? []) as Json[])
    .reduce((sum, w) => sum + ((w.shape as number[] | undefined) ?? []).reduce((a, b) => a * b, 1), 0);
  const name = String((topology.config as Json | undefined)?.name ?? path.basename(path.dirname(path.resolve(file))));
  return { name, onnx: new Uint8Array(0), inputs, outputs, parameters, tfjs: { path: path.resolve(file), format } };
}
