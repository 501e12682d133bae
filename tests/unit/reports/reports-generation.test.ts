/** Generation jobs in the report: a TTFT row and a TPOT row per workload in the leaderboard, and the token-latency chart. */
import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../../reports/leaderboard.js';
import { renderSvg } from '../../../reports/charts/render-svg.js';
import { tokenLatency } from '../../../reports/charts/token-latency.js';
import type { ReportJob } from '../../../reports/model.js';

function job(runtime: string, ttftMs: number, tpotMs: number): ReportJob {
  const ttftNs = Array.from({ length: 21 }, (_, i) => ttftMs * 1e6 * (0.95 + i / 200));
  const tpotNs = ttftNs.map((v) => (v / ttftMs) * tpotMs);
  return {
    key: `s/gpt/${runtime}/single-stream`,
    file: 'f',
    runId: 'r',
    runStartedAt: '2025-01-01',
    machineId: 'm',
    machineLabel: 'A: host (m)',
    suite: 's',
    workload: 'gpt',
    model: 'gpt',
    kind: 'generation',
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
    latest: true,
    latencySample: null,
    generation: {
      ttftNs,
      tpotNs,
      ttftP50Ns: ttftMs * 1e6,
      ttftP99Ns: ttftMs * 1.1e6,
      tpotP50Ns: tpotMs * 1e6,
      tpotP99Ns: tpotMs * 1.1e6,
      outputTokensPerS: 1000 / tpotMs,
      percentOfFloor: 40,
    },
  };
}

describe('report: generation', () => {
  it('ranks TTFT and TPOT separately: a runtime can win one and lose the other', () => {
    const board = buildLeaderboard([job('ort-node:cpu', 10, 4), job('ort-web:wasm', 5, 8)], false)!;
    expect(board.rows.map((r) => r.label)).toEqual(['gpt · single-stream · TTFT', 'gpt · single-stream · TPOT']);
    expect(board.rows[0]!.cells['ort-web:wasm']!.fastest).toBe(true);
    expect(board.rows[1]!.cells['ort-node:cpu']!.fastest).toBe(true);
    expect(board.rows[1]!.cells['ort-web:wasm']!.relative).toBeCloseTo(2, 6);
  });

  it('the token-latency chart plots p50 and p99 of both, with tokens/s per runtime', async () => {
    const spec = tokenLatency.spec([job('ort-node:cpu', 10, 4)]) as unknown as {
      data: { values: Array<Record<string, unknown>> };
    };
    expect(spec.data.values).toEqual([
      { panel: 'gpt · single-stream', runtime: 'ort-node:cpu (250 tok/s)', measure: 'TTFT', p50Ms: 10, p99Ms: 11 },
      { panel: 'gpt · single-stream', runtime: 'ort-node:cpu (250 tok/s)', measure: 'TPOT', p50Ms: 4, p99Ms: 4.4 },
    ]);
    expect(tokenLatency.spec([])).toBeNull();
    expect(await renderSvg(tokenLatency.spec([job('ort-node:cpu', 10, 4)])!)).toMatch(/p50 \(ms\)/);
  });
});
