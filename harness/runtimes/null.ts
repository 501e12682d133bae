/**
 * The null runtime: deterministic, no model math. Each query busy-waits `null.latencyUs`
 * (plus seeded uniform jitter of `null.jitterPct`) on the monotonic clock and returns zero
 * outputs of the model's declared shapes. It drives the CLI and scenario tests, the overhead
 * benchmark and the gate's false-alarm benchmark. `null.fail` injects faults in the job
 * process: `crash` (abort), `hang` (never returns, ignores SIGTERM), `throw` (run() rejects), `oom` (grows the heap).
 */
import { completeSettings } from '../config/settings.js';
import type { Feeds, ModelArtifact, Runtime, Session, SettingsInput, Tensor, TensorSpec } from '../types.js';
import { createRng } from '../measure/random.js';
import { TOOL_VERSION } from '../paths.js';

/** Busy-waits `ns` nanoseconds on process.hrtime.bigint(). */
export function busyWaitNs(ns: number): void {
  const end = process.hrtime.bigint() + BigInt(Math.round(ns));
  while (process.hrtime.bigint() < end) {
    /* spin */
  }
}

function zeros(spec: TensorSpec, batch: number): Tensor {
  const dims = spec.dims.map((d) => (typeof d === 'number' ? d : batch));
  const size = dims.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', dims, data: new Float32Array(size) };
}

/** dims[0] of the first input; for-in rather than Object.values, which allocated per query (bench/overhead.ts). */
function batchOf(feeds: Feeds): number {
  for (const name in feeds) return feeds[name]!.dims[0] ?? 1;
  return 1;
}

const retained: unknown[] = [];

function injectFault(fail: string): void {
  switch (fail) {
    case 'crash':
      process.abort();
      break;
    case 'hang':
      busyWaitNs(Number.MAX_SAFE_INTEGER);
      break;
    case 'oom':
      // Grow the JS heap until V8 gives up: the job process dies with "heap out of memory".
      for (;;) retained.push(new Array(1_000_000).fill(retained.length));
    case 'throw':
      throw new Error('null runtime: injected failure (null.fail=throw)');
  }
}

export function createNullRuntime(): Runtime {
  return {
    id: 'null',
    async probe() {
      return { available: true, version: TOOL_VERSION, backends: [{ id: 'default', available: true }] };
    },
    async load(model: ModelArtifact, input: SettingsInput) {
      const settings = completeSettings(input);
      const latencyNs = settings['null.latencyUs'] * 1000;
      const jitter = settings['null.jitterPct'] / 100;
      const fail = settings['null.fail'];
      // A hang ignores SIGTERM from the moment the session exists (a handler the busy loop never
      // yields to): only SIGKILL ends it, the worst hang a runtime can show.
      if (fail === 'hang') process.on('SIGTERM', () => undefined);
      const random = createRng(settings.seed);
      let queries = 0;
      const session: Session = {
        async run(feeds: Feeds): Promise<Feeds> {
          // Faults fire on the first measured queries, after load, as a real runtime's would.
          if (fail !== 'none' && ++queries > 1) injectFault(fail);
          const batch = batchOf(feeds);
          busyWaitNs(latencyNs * batch * (jitter > 0 ? 1 + jitter * (2 * random() - 1) : 1));
          const out: Feeds = {};
          for (const spec of model.outputs) out[spec.name] = zeros(spec, batch);
          return out;
        },
        async dispose() {
          /* nothing held */
        },
      };
      return { session, info: { threads: 1, options: { latencyUs: latencyNs / 1000, jitterPct: jitter * 100, fail } } };
    },
  };
}
