import { describe, expect, it } from 'vitest';
import { LatencyRecorder, decodeHistogram } from '../../../harness/measure/histogram.js';

/** 1..1000 us in a scrambled order. */
const latenciesNs = Array.from({ length: 1000 }, (_, i) => (((i * 7919) % 1000) + 1) * 1000);

describe('LatencyRecorder', () => {
  it('gives exact LoadGen percentiles while every sample is retained', () => {
    const r = new LatencyRecorder(10_000);
    for (const v of latenciesNs) r.record(v);
    const s = r.summary();
    expect(r.capped).toBe(false);
    expect(s.min).toBe(1000);
    expect(s.p50).toBe(501_000); // sorted[floor(1000 * 0.5)] = sorted[500]
    expect(s.p90).toBe(901_000);
    expect(s.p99).toBe(991_000);
    expect(s.p999).toBe(1_000_000);
    expect(s.max).toBe(1_000_000);
    expect(s.mean).toBe(500_500);
    expect(r.samplesNs()).toEqual(latenciesNs);
  });

  it('keeps raw samples up to the cap and reads percentiles from the histogram beyond it', () => {
    const r = new LatencyRecorder(100);
    for (const v of latenciesNs) r.record(v);
    expect(r.capped).toBe(true);
    expect(r.samplesNs()).toHaveLength(100);
    const s = r.summary();
    expect(s.min).toBe(1000);
    expect(s.max).toBe(1_000_000);
    expect(s.mean).toBe(500_500);
    for (const [got, want] of [
      [s.p50, 501_000],
      [s.p90, 901_000],
      [s.p99, 991_000],
    ] as const) {
      expect(Math.abs(got - want) / want).toBeLessThan(0.001);
    }
    expect(r.encode().count).toBe(1000);
    expect(decodeHistogram(r.encode()).totalCount).toBe(1000);
  });

  it('counts latencies over the bound exactly, capped or not', () => {
    const r = new LatencyRecorder(10, 900_000);
    for (const v of latenciesNs) r.record(v);
    expect(r.overBoundCount).toBe(100);
  });
});
