/** The relaxed-VALID label on a quick run, and its absence under loadgenStrict (null runtime, a test-only fast clock). */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../harness/config/settings.js';
import { createNullRuntime } from '../../../harness/runtimes/null.js';
import { relaxedNote } from '../../../harness/scenarios/loadgen-minimums.js';
import { randomSamples, runScenario } from '../../../harness/scenarios/index.js';
import type { Clock, ModelArtifact, TensorSpec } from '../../../harness/types.js';

/** Real time sped up 10,000x: LoadGen's 600 s pass in 60 ms (test only). */
function fastClock(scale = 10_000n): Clock {
  const base = process.hrtime.bigint();
  return { nowNs: () => base + (process.hrtime.bigint() - base) * scale };
}

const inputs: TensorSpec[] = [{ name: 'x', dtype: 'float32', dims: ['batch', 4] }];
const model: ModelArtifact = { name: 'null', onnx: new Uint8Array(), inputs, outputs: [] };

describe('LoadGen minimums: relaxed label and --loadgen-strict', () => {
  it("a quick VALID run says it was judged with relaxed minimums; a strict run meets LoadGen's own", async () => {
    const settings = {
      ...defaultSettings(),
      'null.latencyUs': 1,
      warmupQueries: 0,
      warmupMs: 0,
      maxSamplesRetained: 1000,
      maxDurationMs: 3_600_000,
    };
    const { session } = await createNullRuntime().load(model, settings);
    const samples = randomSamples(inputs, 8, 1);

    const quick = await runScenario('single-stream', session, samples, settings, { clock: fastClock() });
    expect(quick.validity.reasons).toEqual([]);
    expect(quick.validity.relaxed).toBe('relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024');
    expect(quick.summary).toContain('Result is : VALID (relaxed: 2 s, 200 queries; LoadGen requires 600 s, 1024)');

    const strict = await runScenario(
      'single-stream',
      session,
      samples,
      { ...settings, loadgenStrict: true },
      { clock: fastClock() },
    );
    expect(strict.validity.reasons).toEqual([]);
    expect(strict.validity.relaxed).toBeUndefined();
    expect(strict.queryCount).toBeGreaterThanOrEqual(1024);
    expect(strict.durationNs).toBeGreaterThanOrEqual(600e9);
    expect(strict.summary).toMatch(/^Result is : VALID$/m);
  });

  it("names the units and LoadGen's figure per scenario", () => {
    expect(relaxedNote('server', { minDurationMs: 2000, minQueryCount: 200 })).toBe(
      'relaxed: 2 s, 200 queries; LoadGen requires 600 s, 270336',
    );
    expect(relaxedNote('offline', { minDurationMs: 600_000, minQueryCount: 100 })).toMatch(
      /100 samples; LoadGen requires 600 s, 24576/,
    );
    expect(relaxedNote('single-stream', { minDurationMs: 600_000, minQueryCount: 1024 })).toBeNull();
    expect(relaxedNote('accuracy', { minDurationMs: 1, minQueryCount: 1 })).toBeNull();
  });
});
