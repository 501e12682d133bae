/**
 * What an op's kernel sees: its inputs (undefined where an optional input is left empty), its
 * attributes read with ONNX defaults, and the opset version of its domain (several ops moved an
 * attribute to an input: Reshape 5, Slice 10, Unsqueeze/Squeeze 13, ReduceMean 18). A kernel
 * returns its outputs in order.
 */
import type onnxProto from 'onnx-proto';
import type { EvalTensor } from './tensor.js';

export class Attrs {
  private readonly byName = new Map<string, onnxProto.onnx.IAttributeProto>();
  constructor(node: onnxProto.onnx.INodeProto) {
    for (const a of node.attribute ?? []) this.byName.set(a.name ?? '', a);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  int(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? Number(a.i ?? 0) : fallback;
  }
  float(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? Number(a.f ?? 0) : fallback;
  }
  ints(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.ints ?? []).map(Number) : undefined;
  }
  floats(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.floats ?? []).map(Number) : undefined;
  }
  string(name: string, fallback: string): string {
    const a = this.byName.get(name);
    return a?.s ? new TextDecoder().decode(a.s) : fallback;
  }
  tensor(name: string): onnxProto.onnx.ITensorProto | undefined {
    return this.byName.get(name)?.t ?? undefined;
  }
}

export interface KernelContext {
  attrs: Attrs;
  /** The opset version imported for the node's domain. */
  opset: number;
  /** How many outputs the node names. */
  outputCount: number;
  /** The model's folder (a Constant's tensor may point to external data). */
  modelDir?: string;
}

/** Outputs in order; undefined for an optional output the kernel does not compute. */
export type Kernel = (inputs: Array<EvalTensor | undefined>, ctx: KernelContext) => Array<EvalTensor | undefined>;

/** The input at `i`, or an error naming the op's missing input. */
export function need(inputs: Array<EvalTensor | undefined>, i: number): EvalTensor {
  const t = inputs[i];
  if (!t) throw new Error(`input ${i} is missing`);
  return t;
}
