/**
 * The float64 ONNX evaluator: decodes a model's graph (onnx-proto, as models/onnx-read.ts does)
 * and runs its nodes in file order (ONNX graphs are topologically sorted, onnx/IR.md) with the
 * kernels of this folder, computing every float in float64. Only the nodes the requested outputs
 * depend on run, so a scikit-learn ZipMap that nobody fetches does not need a kernel. It shares
 * no code with onnxruntime, so it can serve as an independent parity reference for model files.
 * Ops it lacks are listed by `missingOps` before anything runs.
 */
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { Feeds } from '../../types.js';
import { CONTRIB } from './contrib.js';
import { CONV } from './conv.js';
import { ELEMENTWISE } from './elementwise.js';
import { INDEXING } from './indexing.js';
import { Attrs, type Kernel } from './kernel.js';
import { MATMUL } from './matmul.js';
import { ML } from './ml.js';
import { NORMALIZE } from './normalize.js';
import { QUANTIZE } from './quantize.js';
import { SHAPE_OPS } from './shape-ops.js';
import { fromTensor, fromTensorProto, toTensor, type EvalTensor } from './tensor.js';

const { onnx } = onnxProto;

/** The kernels by op type; ops outside the default domain (ai.onnx) as `domain:OpType`. */
export const KERNELS: Readonly<Record<string, Kernel>> = {
  ...ELEMENTWISE,
  ...MATMUL,
  ...SHAPE_OPS,
  ...NORMALIZE,
  ...CONV,
  ...QUANTIZE,
  ...INDEXING,
  ...ML,
  ...CONTRIB,
};

const domainOf = (d: string | null | undefined) => (d === 'ai.onnx' || !d ? '' : d);
const opName = (n: onnxProto.onnx.INodeProto) => (domainOf(n.domain) ? `${n.domain}:${n.opType}` : (n.opType ?? ''));

export interface EvaluatorOptions {
  /** Kernels that replace the built-in ones by op type (tests plant a wrong kernel this way). */
  kernels?: Readonly<Record<string, Kernel>>;
}

export class OnnxEvaluator {
  private readonly graph: onnxProto.onnx.IGraphProto;
  private readonly opsets = new Map<string, number>();
  private readonly modelDir: string | undefined;
  private readonly kernels: Readonly<Record<string, Kernel>>;
  private initializers: Map<string, EvalTensor> | null = null;
  /** Tensor outputs of the graph, in order (sequence/map outputs are never fetched). */
  readonly outputNames: string[];

  /** `modelPath` locates external data; `bytes` are the ONNX protobuf. */
  constructor(bytes: Uint8Array, modelPath?: string, options: EvaluatorOptions = {}) {
    const model = onnx.ModelProto.decode(bytes);
    this.graph = model.graph ?? {};
    for (const o of model.opsetImport ?? []) this.opsets.set(domainOf(o.domain), Number(o.version ?? 0));
    this.modelDir = modelPath ? path.dirname(modelPath) : undefined;
    this.kernels = { ...KERNELS, ...options.kernels };
    this.outputNames = (this.graph.output ?? []).filter((v) => v.type?.tensorType).map((v) => v.name ?? '');
  }

  /** The nodes the outputs depend on, in file order. */
  private needed(outputs: readonly string[]): onnxProto.onnx.INodeProto[] {
    const nodes = this.graph.node ?? [];
    const want = new Set(outputs);
    const keep = new Array<boolean>(nodes.length).fill(false);
    for (let i = nodes.length - 1; i >= 0; i--) {
      if ((nodes[i]!.output ?? []).some((o) => want.has(o))) {
        keep[i] = true;
        for (const input of nodes[i]!.input ?? []) if (input) want.add(input);
      }
    }
    return nodes.filter((_, i) => keep[i]);
  }

  /** How many elements the initializers hold (each becomes 8 bytes here). */
  initializerElements(): number {
    return (this.graph.initializer ?? []).reduce(
      (n, t) => n + (t.dims ?? []).reduce((a: number, d) => a * Number(d), 1),
      0,
    );
  }

  /** Op types (domain-qualified outside ai.onnx) the requested outputs need and no kernel covers, sorted. */
  missingOps(outputs: readonly string[] = this.outputNames): string[] {
    const missing = new Set<string>();
    for (const n of this.needed(outputs)) if (!this.kernels[opName(n)]) missing.add(opName(n));
    return [...missing].sort();
  }

  /**
   * Runs the graph on `feeds` (by input name) and returns the requested tensor outputs in float64
   * (integers in their types). With `budgetMs`, throws once that much time has passed between two
   * nodes (plain JS runs a large model at a few hundred MFLOP/s).
   */
  run(feeds: Feeds, outputs: readonly string[] = this.outputNames, budgetMs = Infinity): Feeds {
    const startedMs = performance.now();
    const missing = this.missingOps(outputs);
    if (missing.length) throw new Error(`float64 ONNX evaluator: no kernel for ${missing.join(', ')}`);
    this.initializers ??= new Map(
      (this.graph.initializer ?? []).map((t) => [t.name ?? '', fromTensorProto(t, this.modelDir)]),
    );
    const values = new Map<string, EvalTensor>(this.initializers);
    for (const [name, t] of Object.entries(feeds)) values.set(name, fromTensor(t));
    const nodes = this.needed(outputs);
    // Each intermediate is dropped after its last reader, so memory holds the live tensors only.
    const lastUse = new Map<string, number>();
    nodes.forEach((n, i) => {
      for (const name of n.input ?? []) lastUse.set(name, i);
    });
    const keep = new Set([...outputs, ...this.initializers.keys(), ...Object.keys(feeds)]);
    for (const [index, node] of nodes.entries()) {
      if (performance.now() - startedMs > budgetMs)
        throw new Error(
          `float64 ONNX evaluator: stopped at node ${index + 1} of ${nodes.length}, past its ${budgetMs / 1000} s budget`,
        );
      const opset = this.opsets.get(domainOf(node.domain)) ?? 1;
      const inputs = (node.input ?? []).map((name) => {
        if (!name) return undefined;
        const v = values.get(name);
        if (!v)
          throw new Error(
            `float64 ONNX evaluator: node ${node.name ?? node.opType} reads "${name}", which nothing produced (a graph input without a feed?)`,
          );
        return v;
      });
      const names = node.output ?? [];
      let results: Array<EvalTensor | undefined>;
      try {
        results = this.kernels[opName(node)]!(inputs, {
          attrs: new Attrs(node),
          opset,
          outputCount: names.length,
          ...(this.modelDir ? { modelDir: this.modelDir } : {}),
        });
      } catch (err) {
        throw new Error(`float64 ONNX evaluator: ${node.opType} node "${node.name ?? ''}": ${(err as Error).message}`, {
          cause: err,
        });
      }
      names.forEach((name, i) => {
        if (name && results[i]) values.set(name, results[i]);
      });
      for (const name of node.input ?? []) if (lastUse.get(name) === index && !keep.has(name)) values.delete(name);
    }
    return Object.fromEntries(
      outputs.map((name) => {
        const v = values.get(name);
        if (!v) throw new Error(`float64 ONNX evaluator: output "${name}" was not produced`);
        return [name, toTensor(v)];
      }),
    );
  }
}
