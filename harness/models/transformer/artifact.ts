/**
 * The zoo's transformers as ModelArtifacts: `buildModel({kind: 'zoo', arch: 'gpt' | 'bert',
 * params, seed})` lands here. The artifact carries the ONNX bytes (optimum's input/output names,
 * see onnx-export.ts), the declared inputs/outputs read back from those bytes, the parameter
 * count, and `transformer` (the resolved config + weights) for the float64 reference and tfjs.
 * `flopsPerSample` is one forward pass at batch 1 over `context` tokens (bert) or one decode
 * token at an empty cache (gpt); transformerFlops(config, sequence, past) gives any other shape.
 */
import type { ModelArtifact } from '../../types.js';
import { readOnnxSignature } from '../onnx-read.js';
import {
  transformerConfig,
  transformerFlops,
  transformerName,
  transformerParameters,
  type TransformerKind,
} from './config.js';
import { exportTransformerOnnx } from './onnx-export.js';
import { resolveTransformer, type ResolvedTransformer } from './weights.js';

export function transformerArtifact(
  arch: TransformerKind,
  params: Record<string, number | string | boolean>,
  seed: number,
): ModelArtifact {
  const config = transformerConfig(arch, params);
  const resolved: ResolvedTransformer = resolveTransformer(config, seed);
  const onnx = exportTransformerOnnx(resolved);
  const name = transformerName(config);
  const sig = readOnnxSignature(onnx, name);
  return {
    name,
    onnx,
    inputs: sig.inputs,
    outputs: sig.outputs,
    transformer: resolved,
    parameters: transformerParameters(config),
    flopsPerSample: arch === 'gpt' ? transformerFlops(config, 1, 0) : transformerFlops(config, config.context, 0),
  };
}
