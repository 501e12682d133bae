/**
 * Reads an ONNX file someone else wrote (bring your own model): decodes the protobuf and fills
 * the declared inputs and outputs (names, dtypes, dims; symbolic dims keep their names).
 * A corrupt or truncated file is a UsageError E_BAD_MODEL naming the file.
 */
import onnxProto from 'onnx-proto';
import { UsageError } from '../errors.js';
import type { DType, TensorSpec } from '../types.js';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType -> our DType, for the types a benchmark input can have. */
const ONNX_DTYPES: Record<number, DType> = { 1: 'float32', 2: 'uint8', 3: 'int8', 6: 'int32', 7: 'int64', 9: 'bool', 11: 'float64' };

/** What we learn from an ONNX file's header and graph signature. */
export interface OnnxSignature {
  irVersion: number;
  opsets: Array<{ domain: string; version: number }>;
  producer: string;
  graphName: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  nodeCount: number;
}

function toSpec(v: onnxProto.onnx.IValueInfoProto, file: string, role: string, index: number): TensorSpec {
  const name = v.name ?? `${role}${index}`;
  const tt = v.type?.tensorType;
  if (!tt) throw new UsageError('E_BAD_MODEL', `${file}: ${role} "${name}" is not a tensor (sequence and map ${role}s are not supported)`);
  const elem = Number(tt.elemType ?? 0);
  const dtype = ONNX_DTYPES[elem];
  if (!dtype) {
    const typeName = onnx.TensorProto.DataType[elem] ?? String(elem);
    throw new UsageError('E_BAD_MODEL', `${file}: ${role} "${name}" has element type ${typeName}, which mlbench cannot feed. Supported: float, double, int8, uint8, int32, int64, bool.`);
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
    throw new UsageError('E_BAD_MODEL', `${file}: not a valid ONNX model (corrupt or truncated: ${(err as Error).message})`);
  }
  const graph = model.graph;
  if (!graph || !graph.node || graph.node.length === 0 || !graph.output || graph.output.length === 0) {
    throw new UsageError('E_BAD_MODEL', `${file}: not a valid ONNX model (no graph, nodes or outputs; is the file truncated?)`);
  }
  // Before IR 4, initializers were also listed as graph inputs: those are weights, not feeds.
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((v) => !initializerNames.has(v.name ?? '')).map((v, i) => toSpec(v, file, 'input', i));
  const outputs = graph.output.map((v, i) => toSpec(v, file, 'output', i));
  return {
    irVersion: Number(model.irVersion ?? 0),
    opsets: (model.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: Number(o.version ?? 0) })),
    producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim(),
    graphName: graph.name ?? '',
    inputs,
    outputs,
    nodeCount: graph.node.length,
  };
}
