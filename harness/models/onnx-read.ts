/**
 * Reads an ONNX file someone else wrote (bring your own model): decodes the protobuf and fills
 * the declared inputs and outputs (names, dtypes, dims; symbolic dims keep their names), the
 * outputs that are not tensors (a scikit-learn ZipMap's sequence of maps: skipped, named), and
 * the external data files its initializers point to (TensorProto.data_location = EXTERNAL).
 * A corrupt or truncated file is a UsageError E_BAD_MODEL naming the file.
 */
import onnxProto from 'onnx-proto';
import { UsageError } from '../errors.js';
import type { DType, TensorSpec } from '../types.js';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType -> our DType, for the types onnxruntime's JavaScript API can feed. */
const ONNX_DTYPES: Record<number, DType> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
};

/** Why an element type cannot be fed, where there is more to say than "unsupported". */
const UNFEEDABLE: Record<number, string> = {
  16: "onnxruntime's JavaScript API (onnxruntime-common Tensor) has no bfloat16 type, so neither ort-node nor ort-web can take a bfloat16 input; export the model with float16 or float32 inputs",
};

/** An output that is not a tensor (e.g. ZipMap's seq(map(int64, float))): not fetched. */
export interface SkippedOutput {
  name: string;
  /** The ONNX type, e.g. `seq(map(int64, tensor(float)))`. */
  type: string;
}

function typeName(t: onnxProto.onnx.ITypeProto | null | undefined): string {
  if (!t) return 'unknown';
  if (t.tensorType)
    return `tensor(${(onnx.TensorProto.DataType[Number(t.tensorType.elemType ?? 0)] ?? '?').toLowerCase()})`;
  if (t.sequenceType) return `seq(${typeName(t.sequenceType.elemType)})`;
  if (t.mapType)
    return `map(${(onnx.TensorProto.DataType[Number(t.mapType.keyType ?? 0)] ?? '?').toLowerCase()}, ${typeName(t.mapType.valueType)})`;
  return 'non-tensor';
}

/** What we learn from an ONNX file's header and graph signature. */
export interface OnnxSignature {
  irVersion: number;
  opsets: Array<{ domain: string; version: number }>;
  producer: string;
  graphName: string;
  inputs: TensorSpec[];
  /** Tensor outputs only: the ones a session fetches. */
  outputs: TensorSpec[];
  /** Outputs that are not tensors; runtimes are asked for the tensor outputs only. */
  skippedOutputs: SkippedOutput[];
  /** External data files (paths relative to the model's folder), in first-use order. */
  externalData: string[];
  nodeCount: number;
}

function toSpec(v: onnxProto.onnx.IValueInfoProto, file: string, role: string, index: number): TensorSpec {
  const name = v.name ?? `${role}${index}`;
  const tt = v.type?.tensorType;
  if (!tt)
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: ${role} "${name}" is not a tensor (sequence and map ${role}s are not supported)`,
    );
  const elem = Number(tt.elemType ?? 0);
  const dtype = ONNX_DTYPES[elem];
  if (!dtype) {
    const elemName = onnx.TensorProto.DataType[elem] ?? String(elem);
    const why = UNFEEDABLE[elem] ?? 'Supported: float, float16, double, int8, uint8, int32, int64, bool, string';
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: ${role} "${name}" has element type ${elemName}, which mlbench cannot feed. ${why}.`,
    );
  }
  const dims = (tt.shape?.dim ?? []).map((d, i): number | string => {
    if (d.dimParam) return d.dimParam;
    if (d.dimValue !== undefined && d.dimValue !== null && Number(d.dimValue) > 0) return Number(d.dimValue);
    return `${name}_dim${i}`;
  });
  return { name, dtype, dims };
}

/** Decodes ONNX bytes and returns the model's signature. `file` names the source in errors. */
export function readOnnxSignature(bytes: Uint8Array, file: string): OnnxSignature {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: not a valid ONNX model (corrupt or truncated: ${(err as Error).message})`,
    );
  }
  const graph = model.graph;
  if (!graph || !graph.node || graph.node.length === 0 || !graph.output || graph.output.length === 0) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: not a valid ONNX model (no graph, nodes or outputs; is the file truncated?)`,
    );
  }
  // Before IR 4, initializers were also listed as graph inputs: those are weights, not feeds.
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? [])
    .filter((v) => !initializerNames.has(v.name ?? ''))
    .map((v, i) => toSpec(v, file, 'input', i));
  const tensorOutputs = graph.output.filter((v) => v.type?.tensorType);
  if (tensorOutputs.length === 0) {
    throw new UsageError(
      'E_BAD_MODEL',
      `${file}: no tensor outputs (outputs: ${graph.output.map((v) => `${v.name} ${typeName(v.type)}`).join(', ')}); mlbench fetches tensor outputs only.`,
    );
  }
  const outputs = tensorOutputs.map((v, i) => toSpec(v, file, 'output', i));
  const skippedOutputs = graph.output
    .filter((v) => !v.type?.tensorType)
    .map((v) => ({ name: v.name ?? '', type: typeName(v.type) }));
  // TensorProto.DataLocation EXTERNAL = 1; its `location` entry names the file.
  const externalData = [
    ...new Set(
      (graph.initializer ?? [])
        .filter((t) => Number(t.dataLocation ?? 0) === 1)
        .map((t) => (t.externalData ?? []).find((e) => e.key === 'location')?.value ?? '')
        .filter((loc) => loc !== ''),
    ),
  ];
  return {
    irVersion: Number(model.irVersion ?? 0),
    opsets: (model.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: Number(o.version ?? 0) })),
    producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim(),
    graphName: graph.name ?? '',
    inputs,
    outputs,
    skippedOutputs,
    externalData,
    nodeCount: graph.node.length,
  };
}
