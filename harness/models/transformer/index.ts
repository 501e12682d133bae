/** The zoo's transformers (`gpt`, `bert`): config, seeded weights, ONNX export, float64 reference. */
export {
  TRANSFORMER_ARCHS,
  TRANSFORMER_DEFAULTS,
  isTransformerArch,
  transformerConfig,
  transformerFlops,
  transformerName,
  transformerParameters,
} from './config.js';
export type { TransformerConfig, TransformerKind } from './config.js';
export { resolveTransformer } from './weights.js';
export type { NamedWeight, ResolvedTransformer } from './weights.js';
export { exportTransformerOnnx, MASKED_SCORE, TRANSFORMER_OPSET } from './onnx-export.js';
export { erf, float64TransformerForward } from './float64-forward.js';
export { transformerArtifact } from './artifact.js';
export { transformersJsFolder } from './hf-folder.js';
export type { FolderFile } from './hf-folder.js';
