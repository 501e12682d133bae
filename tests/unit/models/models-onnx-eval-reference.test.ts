/**
 * Which reference parity names for an ONNX file: the float64 evaluator when it has every op the
 * outputs need, else onnxruntime labelled not independent, naming the missing ops; ops that only
 * feed outputs nobody fetches (a ZipMap) do not count.
 */
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { encodeModel, valueInfo } from '../../../harness/models/onnx-export.js';
import {
  FLOAT64_ONNX_REFERENCE_ID,
  float64OnnxReference,
  OnnxEvaluator,
  referenceNote,
} from '../../../harness/models/onnx-eval/index.js';
import { readOnnxSignature } from '../../../harness/models/onnx-read.js';
import type { ModelArtifact } from '../../../harness/types.js';

const { onnx } = onnxProto;

/** x -> Relu -> y, and x -> `op` -> z (CumSum's axis from an initializer; Hardmax, which the evaluator lacks). */
function twoOutputs(op: string): ModelArtifact {
  const bytes = encodeModel({
    name: 'g',
    node: [
      { opType: 'Relu', input: ['x'], output: ['y'] },
      { opType: op, input: op === 'CumSum' ? ['x', 'axis'] : ['x'], output: ['z'] },
    ],
    initializer: [{ name: 'axis', dataType: onnx.TensorProto.DataType.INT64, dims: [], int64Data: [1] }],
    input: [valueInfo('x', [1, 3])],
    output: [valueInfo('y', [1, 3]), valueInfo('z', [1, 3])],
  });
  const sig = readOnnxSignature(bytes, 'g.onnx');
  return { name: 'g', onnx: bytes, inputs: sig.inputs, outputs: sig.outputs };
}

describe('models: the parity reference of an ONNX file', () => {
  it('is the float64 evaluator when every op is covered', async () => {
    const model = twoOutputs('CumSum');
    const own = float64OnnxReference(model);
    expect(own.reference?.id).toBe(FLOAT64_ONNX_REFERENCE_ID);
    const out = await own.reference!.outputs(model, {
      x: { dtype: 'float32', dims: [1, 3], data: Float32Array.from([-1, 2, 3]) },
    });
    expect(Array.from(out.y!.data as Float64Array)).toEqual([0, 2, 3]);
    expect(Array.from(out.z!.data as Float64Array)).toEqual([-1, 1, 4]);
    expect(referenceNote(model)).toMatch(/^parity reference: float64 ONNX evaluator \(.*independent of onnxruntime\)$/);
  });

  it('is onnxruntime, labelled not independent and naming the op, when one is missing', () => {
    const model = twoOutputs('Hardmax');
    expect(float64OnnxReference(model)).toMatchObject({ reference: null, missingOps: ['Hardmax'] });
    expect(referenceNote(model)).toBe(
      'parity reference: onnxruntime (not independent): ort-node:cpu, graph optimisations disabled; the float64 evaluator has no kernel for Hardmax',
    );
    // Only what the fetched outputs need counts: without z, Relu alone is covered.
    expect(float64OnnxReference({ ...model, outputs: model.outputs.slice(0, 1) }).missingOps).toEqual([]);
  });

  it('stops a pass that runs past its time budget, naming where (the job then falls back to onnxruntime)', () => {
    const model = twoOutputs('CumSum');
    const evaluator = new OnnxEvaluator(model.onnx);
    const feeds = { x: { dtype: 'float32' as const, dims: [1, 3], data: Float32Array.from([1, 2, 3]) } };
    expect(() => evaluator.run(feeds, ['y', 'z'], -1)).toThrow(/stopped at node 1 of 2, past its -0.001 s budget/);
    expect(Object.keys(evaluator.run(feeds, ['y', 'z']))).toEqual(['y', 'z']);
  });

  it('is onnxruntime, not independent, for weights too large to hold in float64', () => {
    const model = twoOutputs('CumSum');
    const decoded = onnx.ModelProto.decode(model.onnx);
    // Dims only: the size is read from them, so the 512 M elements need no data here.
    decoded.graph!.initializer!.push({
      name: 'huge',
      dataType: onnx.TensorProto.DataType.FLOAT,
      dims: [2 ** 15, 2 ** 14],
    });
    const own = float64OnnxReference({ ...model, onnx: onnx.ModelProto.encode(decoded).finish() });
    expect(own.reference).toBeNull();
    expect(own.reason).toMatch(/537 M weights exceed the float64 evaluator's 268 M/);
  });
});
