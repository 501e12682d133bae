import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../harness/measure/clock.js';
import { runScenario } from '../../../harness/scenarios/index.js';
import { noWarmup, samples, serialSession } from './virtual-session.js';

describe('verdict', () => {
  it('a run shorter than minDurationMs is INVALID with that reason and a recommendation', async () => {
    const clock = new VirtualClock();
    // 1 ms per query; maxDurationMs stops it at 100 ms although minDurationMs asks for 500 ms.
    const r = await runScenario(
      'single-stream',
      serialSession(clock, [1e6]),
      samples(),
      { ...noWarmup, minDurationMs: 500, maxDurationMs: 100, minQueryCount: 10 },
      { clock },
    );
    expect(r.durationNs).toBe(100e6);
    expect(r.status).toBe('invalid');
    expect(r.validity.valid).toBe(false);
    expect(r.validity.reasons.some((s) => s.startsWith('min duration not met'))).toBe(true);
    expect(r.validity.recommendations.join('\n')).toContain('raise maxDurationMs to at least 500');
    expect(r.summary).toContain('Result is : INVALID');
    expect(r.summary).toContain('Min duration satisfied : NO');
  });

  it('too few queries for early stopping is INVALID', async () => {
    const clock = new VirtualClock();
    const r = await runScenario(
      'multi-stream',
      serialSession(clock, [1e6]),
      samples(),
      { ...noWarmup, minDurationMs: 0, maxDurationMs: 800, minQueryCount: 1 },
      { clock },
    );
    // 8 samples x 1 ms per query: 100 queries in 800 ms, far below the 662 that p99 needs.
    expect(r.queryCount).toBe(100);
    expect(r.validity.reasons.some((s) => s.startsWith('early stopping not met'))).toBe(true);
  });
});
