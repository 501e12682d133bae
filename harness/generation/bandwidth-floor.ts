/**
 * The memory-bandwidth floor of decode, beside the roofline's FLOP peak: one cached decode step
 * at batch 1 reads every weight once and the whole KV cache once, so
 *   floor TPOT = (weight bytes + KV-cache bytes at the mean decode position) / bandwidth,
 * and `percentOfFloor` = floor TPOT / measured TPOT p50 x 100 (100 = running at the bandwidth
 * limit; small = far from it, compute- or overhead-bound). Weight bytes are the model file's
 * (ONNX plus external data): an upper bound on what a step reads (an untied input embedding
 * reads one row). Pure: no I/O.
 */
import type { DecoderLayout } from './decoder-layout.js';
import { kvCacheBytes } from './decoder-layout.js';

export interface BandwidthFloor {
  weightsBytes: number;
  kvCacheBytesPerToken: number;
  bytesPerToken: number;
  bandwidthGBPerS: number;
  bandwidthSource: string;
  floorTpotNs: number;
  percentOfFloor: number;
}

/**
 * `meanInputTokens`/`meanOutputTokens` per request give the mean cache length of the decode
 * steps: step i (1..N-1) attends over P + i - 1 cached positions, mean P + (N - 2) / 2.
 */
export function bandwidthFloor(input: {
  weightsBytes: number;
  layout: DecoderLayout;
  meanInputTokens: number;
  meanOutputTokens: number;
  bandwidthGBPerS: number;
  bandwidthSource: string;
  tpotP50Ns: number;
}): BandwidthFloor {
  const position = input.meanInputTokens + Math.max(0, input.meanOutputTokens - 2) / 2;
  const kvCacheBytesPerToken = kvCacheBytes(input.layout, position);
  const bytesPerToken = input.weightsBytes + kvCacheBytesPerToken;
  const floorTpotNs = bytesPerToken / input.bandwidthGBPerS; // bytes / (1e9 bytes/s) = ns
  return {
    weightsBytes: input.weightsBytes,
    kvCacheBytesPerToken,
    bytesPerToken,
    bandwidthGBPerS: input.bandwidthGBPerS,
    bandwidthSource: input.bandwidthSource,
    floorTpotNs,
    percentOfFloor: input.tpotP50Ns > 0 ? (floorTpotNs / input.tpotP50Ns) * 100 : 0,
  };
}
