/**
 * `--profile-ops`: a non-empty per-op profile of the smoke model (logistic regression, 32
 * features) from onnxruntime's profiler on ort-node:cpu and from tf.profile on tfjs:wasm, and
 * the profile in the result file of a run.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../harness/models/index.js';
import { createRuntime } from '../../harness/runtimes/index.js';
import { OP_PROFILE_QUERIES } from '../../harness/runtimes/op-profile.js';
import { randomSamples } from '../../harness/scenarios/samples.js';
import { readResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const SMOKE_MODEL = { kind: 'zoo', arch: 'logreg', params: { features: 32 }, seed: 7 } as const;

describe('per-op profile of the smoke model', () => {
  for (const [runtimeId, source, ops] of [
    ['ort-node:cpu', 'onnxruntime-profiler', ['Gemm']],
    ['tfjs:wasm', 'tf.profile', ['_FusedMatMul', 'MatMul', 'BatchMatMul']],
  ] as const) {
    it(`${runtimeId}: top ops by time, shares summing to at most 1`, async () => {
      const runtime = await createRuntime(runtimeId);
      const model = await buildModel(SMOKE_MODEL);
      const { session } = await runtime.load(model, { seed: 42 });
      try {
        const samples = randomSamples(model.inputs, 8, 42);
        const profile = await session.profileOps!(Array.from({ length: 8 }, (_, i) => samples.feeds([i])));
        expect(profile.source).toBe(source);
        expect(profile.queries).toBe(OP_PROFILE_QUERIES);
        expect(profile.ops.length).toBeGreaterThan(0);
        expect(profile.totalMs).toBeGreaterThan(0);
        expect(
          profile.ops.some((o) => (ops as readonly string[]).includes(o.op)),
          JSON.stringify(profile.ops),
        ).toBe(true);
        for (const o of profile.ops) expect(o.calls).toBeGreaterThanOrEqual(OP_PROFILE_QUERIES);
        const shares = profile.ops.reduce((s, o) => s + o.share, 0);
        expect(shares).toBeGreaterThan(0.5);
        expect(shares).toBeLessThanOrEqual(1 + 1e-9);
      } finally {
        await session.dispose();
      }
    }, 60_000);
  }

  it('is in the result file with --profile-ops, and absent without it', async () => {
    const results = tempDir();
    const args = [
      'run',
      '--suite',
      'smoke',
      '--runtime',
      'ort-node:cpu',
      '--min-duration',
      '50',
      '--min-queries',
      '20',
      '--no-report',
      '--results-dir',
      results,
    ];
    const on = mlbench([...args, '--profile-ops', '-v']);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stderr).toMatch(/op profile \(onnxruntime-profiler, 20 queries/);
    const job = (await readResult(/result file: (\S+)/.exec(on.stdout)![1]!)).jobs[0]!;
    expect(job.opProfile?.ops[0]?.op).toBeTruthy();
    const off = mlbench(args);
    expect((await readResult(/result file: (\S+)/.exec(off.stdout)![1]!)).jobs[0]!.opProfile).toBeUndefined();
  }, 90_000);
});
