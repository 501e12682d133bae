/**
 * The leaderboard: times slower than the row's fastest runtime from the median of raw samples,
 * a conservative 95% interval, runtimes ranked by geometric mean, and the suite's warnings with
 * unavailable runtimes in one line.
 */
import { describe, expect, it } from 'vitest';
import { buildLeaderboard, suiteWarnings } from '../../../reports/leaderboard.js';
import type { ReportJob } from '../../../reports/model.js';
import { fromValues } from '../../../results/stats/index.js';

function job(workload: string, runtime: string, latencyNs: number[], over: Partial<ReportJob> = {}): ReportJob {
  return {
    key: `s/${workload}/${runtime}/single-stream`,
    file: 'f',
    runId: 'r',
    runStartedAt: '2025-01-01',
    machineId: 'm',
    machineLabel: 'A: host (m)',
    suite: 's',
    workload,
    model: workload,
    kind: 'inference',
    runtime,
    scenario: 'single-stream',
    repeat: 0,
    status: 'ok',
    verdict: 'VALID',
    reasons: [],
    error: null,
    metric: null,
    latencyNs: null,
    throughputPerS: null,
    queriesPerS: null,
    coldStart: null,
    train: null,
    datasetRows: null,
    accuracy: null,
    achievedGflops: null,
    parity: null,
    peakPercent: null,
    findPeakSteps: [],
    latencyBoundNs: null,
    opProfile: null,
    adapter: null,
    softwareAdapter: null,
    rankedAs: runtime,
    knownFault: null,
    latest: true,
    latencySample: latencyNs.length ? { source: 'samples', sample: fromValues(latencyNs) } : null,
    ...over,
  };
}

const around = (median: number, n = 101) => Array.from({ length: n }, (_, i) => median * (0.9 + (0.2 * i) / (n - 1)));

describe('leaderboard', () => {
  it('gives each runtime its times-slower ratio, an interval around it, and a geometric-mean rank', () => {
    const board = buildLeaderboard(
      [
        job('a', 'fast', around(100)),
        job('a', 'slow', around(300)),
        job('b', 'fast', around(50)),
        job('b', 'slow', around(400)),
      ],
      false,
    )!;
    expect(board.runtimes).toEqual(['fast', 'slow']);
    const [a, b] = board.rows;
    expect(a!.cells.fast!.fastest).toBe(true);
    expect(a!.cells.slow!.relative).toBeCloseTo(3, 1);
    expect(a!.cells.slow!.relLow!).toBeLessThan(3);
    expect(a!.cells.slow!.relHigh!).toBeGreaterThan(3);
    expect(b!.cells.slow!.relative).toBeCloseTo(8, 1);
    expect(board.geoMean.slow).toBeCloseTo(Math.sqrt(3 * 8), 1);
    expect(board.geoMean.fast).toBe(1);
  });

  it('has nothing to rank when each workload ran on one runtime only', () => {
    expect(buildLeaderboard([job('a', 'x', around(10)), job('b', 'y', around(10))], false)).toBeNull();
  });

  it('warns once per kind: INVALID, parity, and every unavailable runtime in one line', () => {
    const warnings = suiteWarnings([
      job('a', 'x', around(10), { verdict: 'INVALID', status: 'invalid' }),
      job('a', 'y', around(10), { status: 'failed', error: { code: 'E_PARITY', message: 'differ' } }),
      job('a', 'gpu', [], { status: 'unavailable', error: { code: 'E_RUNTIME', message: 'no CUDA; install it' } }),
      job('b', 'gpu', [], { status: 'unavailable', error: { code: 'E_RUNTIME', message: 'no CUDA; install it' } }),
      job('a', 'webgpu', [], { status: 'unavailable', error: { code: 'E_RUNTIME', message: 'no adapter' } }),
    ]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^1 INVALID run/);
    expect(warnings[1]).toMatch(/^1 parity failure/);
    expect(warnings[2]).toBe('Not available on this machine, not run: gpu (2: no CUDA); webgpu (1: no adapter).');
  });
});
