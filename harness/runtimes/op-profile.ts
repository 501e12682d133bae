/**
 * Per-op profiles (`--profile-ops`): where one short pass spends its time, op by op, from the
 * runtime's own profiler. Taken after the measured scenario, so profiling never touches the
 * measured latencies.
 * - onnxruntime: the session option `enableProfiling` writes a chrome-trace JSON on
 *   `endProfiling()`; its `cat: "Node"` events carry `args.op_name` and `dur` in µs
 *   (onnxruntime/core/common/profiler.cc). The first query (arena growth, kernel set-up) is left out.
 * - TensorFlow.js: `tf.profile(f)` lists each kernel with `kernelTimeMs` (tfjs-core engine.ts).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { OpProfile } from '../types.js';

/** Queries of the profiled pass (plus one left out on onnxruntime) and ops kept, by total time. */
export const OP_PROFILE_QUERIES = 20;
export const TOP_OPS = 10;

/** Sums op times into the top `TOP_OPS` ops by total time, each with its share of the whole. */
export function topOps(events: Array<{ op: string; ms: number }>, source: string, queries: number): OpProfile {
  const byOp = new Map<string, { calls: number; totalMs: number }>();
  for (const e of events) {
    const entry = byOp.get(e.op) ?? { calls: 0, totalMs: 0 };
    entry.calls++;
    entry.totalMs += e.ms;
    byOp.set(e.op, entry);
  }
  const totalMs = [...byOp.values()].reduce((s, e) => s + e.totalMs, 0);
  const ops = [...byOp]
    .map(([op, e]) => ({ op, calls: e.calls, totalMs: e.totalMs, share: totalMs > 0 ? e.totalMs / totalMs : 0 }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, TOP_OPS);
  return { source, queries, totalMs, ops };
}

interface TraceEvent {
  cat?: string;
  name?: string;
  ts?: number;
  dur?: number;
  args?: { op_name?: string };
}

/** Op times of an onnxruntime chrome trace, without the events of the first `model_run`. */
export function ortTraceOps(trace: TraceEvent[]): Array<{ op: string; ms: number }> {
  const runs = trace
    .filter((e) => e.cat === 'Session' && e.name === 'model_run')
    .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  const firstEnd = runs.length > 1 ? (runs[0]!.ts ?? 0) + (runs[0]!.dur ?? 0) : -Infinity;
  return trace
    .filter(
      (e) =>
        e.cat === 'Node' && typeof e.args?.op_name === 'string' && typeof e.dur === 'number' && (e.ts ?? 0) > firstEnd,
    )
    .map((e) => ({ op: e.args!.op_name!, ms: e.dur! / 1000 }));
}

interface ProfilingSession {
  run(feeds: Record<string, unknown>): Promise<unknown>;
  endProfiling(): void;
  release(): Promise<void>;
}

/**
 * Profiles `feeds` (one per query, reused in turn) on a second onnxruntime session created with
 * `create(profilingOptions)`; the trace goes to a temp folder that is removed afterwards.
 */
export async function profileOrt(
  create: (options: Record<string, unknown>) => Promise<ProfilingSession>,
  feeds: Array<Record<string, unknown>>,
): Promise<OpProfile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mlbench-ort-profile-'));
  try {
    const session = await create({ enableProfiling: true, profileFilePrefix: path.join(dir, 'trace') });
    for (let q = 0; q <= OP_PROFILE_QUERIES; q++) await session.run(feeds[q % feeds.length]!);
    session.endProfiling();
    await session.release();
    const file = (await readdir(dir)).find((f) => f.endsWith('.json'));
    if (!file) throw new Error(`onnxruntime wrote no profile into ${dir}`);
    return topOps(
      ortTraceOps(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as TraceEvent[]),
      'onnxruntime-profiler',
      OP_PROFILE_QUERIES,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface TfProfiler {
  profile(
    f: () => Promise<unknown>,
  ): Promise<{ kernels: Array<{ name: string; kernelTimeMs: number | { error: string } }> }>;
}

/** Profiles `OP_PROFILE_QUERIES` calls of `runQuery(q)` with tf.profile. */
export async function profileTfjs(tf: TfProfiler, runQuery: (q: number) => Promise<unknown>): Promise<OpProfile> {
  const info = await tf.profile(async () => {
    for (let q = 0; q < OP_PROFILE_QUERIES; q++) await runQuery(q);
  });
  // `<op>__op` entries are op-level scopes whose time includes the kernels they ran: counted once, as kernels.
  const events = info.kernels.flatMap((k) =>
    typeof k.kernelTimeMs === 'number' && !k.name.endsWith('__op') ? [{ op: k.name, ms: k.kernelTimeMs }] : [],
  );
  return topOps(events, 'tf.profile', OP_PROFILE_QUERIES);
}
