import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../../results/schema.js';
import { benchmMlTable, ladderRows } from '../../../harness/train/ladder-table.js';

function job(
  workload: string,
  runtime: string,
  backend: string,
  status: JobResult['status'],
  seconds?: number,
  auc?: number,
  rssMb = 300,
): JobResult {
  return {
    id: `tabular/${workload}/${runtime}:${backend}`,
    suite: 'tabular',
    workload,
    kind: 'training',
    runtime: { id: runtime, backend, version: null, threads: 1, options: {} },
    scenario: 'accuracy',
    repeat: 0,
    status,
    settings: {},
    startedAt: '2025-01-01T00:00:00Z',
    wallMs: 1,
    ...(seconds !== undefined ? { train: { seconds, epochs: 1, timeToTargetSeconds: seconds } } : {}),
    ...(auc !== undefined
      ? { accuracy: { metric: 'auc', value: auc, reference: 0.6, ratio: auc / 0.6, servingMaxAbsDiff: 1e-8 } }
      : {}),
    memory: { peakRssBytes: rssMb * 2 ** 20 },
  };
}

describe('train: the benchm-ml table', () => {
  it('summarises repeats with the olympic mean (fastest and slowest dropped)', () => {
    const repeats = [5, 1, 2, 3, 100].map((s, i) => job('logreg-100k', 'tfjs', 'wasm', 'ok', s, 0.63 + i * 0.001));
    const [row] = ladderRows(repeats);
    expect(row).toMatchObject({ model: 'logreg', size: '100k', runtime: 'tfjs:wasm', runs: 5, status: 'ok' });
    expect(row!.trainSeconds).toBeCloseTo((5 + 2 + 3) / 3, 12);
    expect(row!.timeToTargetSeconds).toBeCloseTo(10 / 3, 12);
    expect(row!.auc).toBeCloseTo(0.632, 12);
    expect(row!.peakRssMb).toBeCloseTo(300, 9);
    expect(benchmMlTable(repeats)).toMatch(/olympic mean/);
  });

  it("uses the training process's own peak RSS and folds runtimes unavailable everywhere into a footnote", () => {
    const peer = job('logreg-10k', 'external', 'peers/sklearn_logreg.py', 'ok', 0.1, 0.616);
    (peer.train as Record<string, unknown>).peakRssBytes = 120 * 2 ** 20;
    const text = benchmMlTable([
      job('logreg-10k', 'tfjs', 'cpu', 'ok', 0.3, 0.6256),
      job('logreg-10k', 'tfjs-node', 'tensorflow', 'unavailable'),
      peer,
      job('mlp-10k', 'external', 'peers/sklearn_logreg.py', 'unavailable'),
    ])!;
    const lines = text.split('\n');
    expect(lines.find((l) => l.includes('tfjs:cpu'))).toMatch(
      /logreg\s+tfjs:cpu\s+10k\s+ok\s+0\.30\s+0\.30\s+300\s+0\.6256\s+1\.0e-8/,
    );
    expect(lines.find((l) => l.includes('sklearn'))).toMatch(/\s120\s+0\.6160/);
    expect(lines.filter((l) => l.includes('sklearn'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('unavailable here: tfjs-node:tensorflow (reasons in the result file)');
    expect(benchmMlTable([job('x', 'null', 'default', 'ok')].map((j) => ({ ...j, suite: 'smoke' })))).toBeNull();
  });
});
