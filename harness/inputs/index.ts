/**
 * Inputs of bring-your-own model files: the `--shape` / `--input` request, its resolution
 * against the model's declared inputs, and the sample source the job process feeds.
 */
export {
  formatDims,
  parseInputFlag,
  parseRangeFlag,
  parseShapeFlag,
  resolveInputs,
  valuesFromJson,
  valuesFromNpy,
} from './input-spec.js';
export type { FixedValues, InputsRequest, ResolvedInput } from './input-spec.js';
export { inputSamples } from './input-samples.js';
export { bfloat16Bits, float16Bits, float16ToNumber, bfloat16ToNumber } from './half-float.js';
export { fedFromResolved, fedFromSpecs, type FedInput } from './fed-inputs.js';
