/**
 * The op catalog of the micro suite: each op with its size parameters, the work one call does
 * (FLOPs = 2 x MACs for compute-bound ops, bytes moved for memory-bound ones) and a short label.
 * Plain data and arithmetic: no runtime is loaded here.
 *
 * Counting rules (documented once, used by every runtime):
 * - matmul `[m, k] x [k, n]`: 2mkn FLOPs.
 * - conv2d, 3x3 (kernel k), stride 1, `same` padding, channels -> channels at size x size:
 *   2 * size^2 * channels^2 * k^2 FLOPs.
 * - depthwise conv2d, same shape, one filter per channel: 2 * size^2 * channels * k^2 FLOPs.
 * - softmax over the last axis of `[rows, cols]`: memory-bound; bytes = input read once +
 *   output written once = 2 * rows * cols * 4.
 * - gather of `indices` rows of a `[vocab, dim]` float table: memory-bound; bytes = rows read +
 *   rows written (2 * indices * dim * 4) + the int64 indices (8 * indices).
 */
import { UsageError } from '../errors.js';

export type MicroOpId = 'matmul' | 'conv2d' | 'depthwiseConv2d' | 'softmax' | 'gather';

/** `compute`: reported in GFLOP/s; `memory`: reported in GB/s. */
export type MicroBound = 'compute' | 'memory';

export type MicroParams = Record<string, number>;

/** One op of the catalog. */
export interface MicroOp {
  id: MicroOpId;
  description: string;
  bound: MicroBound;
  /** Parameter names with their defaults. */
  defaults: Readonly<MicroParams>;
  /** FLOPs of one call (2 x MACs); 0 for memory-bound ops, which are not counted in FLOPs. */
  flops(p: MicroParams): number;
  /** Bytes one call reads and writes, each tensor once (what a GB/s figure divides). */
  bytes(p: MicroParams): number;
  /** Short size label, e.g. `512x512x512` or `c64-s56`. */
  label(p: MicroParams): string;
}

const F32 = 4;

export const MICRO_OPS: Record<MicroOpId, MicroOp> = {
  matmul: {
    id: 'matmul',
    description: 'dense matrix product [m, k] x [k, n] (the second operand is a constant weight)',
    bound: 'compute',
    defaults: { m: 256, k: 256, n: 256 },
    flops: (p) => 2 * p.m! * p.k! * p.n!,
    bytes: (p) => F32 * (p.m! * p.k! + p.k! * p.n! + p.m! * p.n!),
    label: (p) => `${p.m}x${p.k}x${p.n}`,
  },
  conv2d: {
    id: 'conv2d',
    description: 'convolution, kernel x kernel, stride 1, same padding, channels -> channels, batch 1',
    bound: 'compute',
    defaults: { channels: 32, size: 56, kernel: 3 },
    flops: (p) => 2 * p.size! * p.size! * p.channels! * p.channels! * p.kernel! * p.kernel!,
    bytes: (p) => F32 * (2 * p.size! * p.size! * p.channels! + p.channels! * p.channels! * p.kernel! * p.kernel!),
    label: (p) => `c${p.channels}-s${p.size}-k${p.kernel}`,
  },
  depthwiseConv2d: {
    id: 'depthwiseConv2d',
    description: 'depthwise convolution (one filter per channel), kernel x kernel, stride 1, same padding, batch 1',
    bound: 'compute',
    defaults: { channels: 64, size: 56, kernel: 3 },
    flops: (p) => 2 * p.size! * p.size! * p.channels! * p.kernel! * p.kernel!,
    bytes: (p) => F32 * (2 * p.size! * p.size! * p.channels! + p.channels! * p.kernel! * p.kernel!),
    label: (p) => `c${p.channels}-s${p.size}-k${p.kernel}`,
  },
  softmax: {
    id: 'softmax',
    description: 'softmax over the last axis of [rows, cols]',
    bound: 'memory',
    defaults: { rows: 64, cols: 1000 },
    flops: () => 0,
    bytes: (p) => 2 * F32 * p.rows! * p.cols!,
    label: (p) => `${p.rows}x${p.cols}`,
  },
  gather: {
    id: 'gather',
    description: 'embedding lookup: gather `indices` rows of a [vocab, dim] float table',
    bound: 'memory',
    defaults: { vocab: 10_000, dim: 128, indices: 512 },
    flops: () => 0,
    bytes: (p) => 2 * F32 * p.indices! * p.dim! + 8 * p.indices!,
    label: (p) => `v${p.vocab}-d${p.dim}-i${p.indices}`,
  },
};

export const MICRO_OP_IDS = Object.keys(MICRO_OPS) as MicroOpId[];

/**
 * The op and its complete parameters (defaults filled). Unknown ops or params and values that
 * are not positive integers are refused with UsageError E_BAD_MODEL naming them.
 */
export function resolveMicroOp(op: string, params: Record<string, unknown>): { op: MicroOp; params: MicroParams } {
  const def = MICRO_OPS[op as MicroOpId];
  if (!def) throw new UsageError('E_BAD_MODEL', `micro op: unknown op "${op}". Valid ops: ${MICRO_OP_IDS.join(', ')}.`);
  const resolved: MicroParams = { ...def.defaults };
  for (const [key, value] of Object.entries(params)) {
    if (!(key in def.defaults)) {
      throw new UsageError(
        'E_BAD_MODEL',
        `micro op ${op}: unknown param "${key}". Valid params: ${Object.keys(def.defaults).join(', ')}.`,
      );
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(
        'E_BAD_MODEL',
        `micro op ${op}: param ${key} must be a positive integer, got ${JSON.stringify(value)}.`,
      );
    resolved[key] = n;
  }
  if (def.id === 'gather' && resolved.vocab! < 2)
    throw new UsageError('E_BAD_MODEL', 'micro op gather: vocab must be at least 2.');
  return { op: def, params: resolved };
}
