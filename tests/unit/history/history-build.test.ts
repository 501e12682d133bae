/** History: runs ordered by commit or time, trends per job x metric, regressions vs improvements. */
import { describe, expect, it } from 'vitest';
import { buildHistory, historyMarkdown, orderRuns } from '../../../results/history/index.js';
import { historyRuns, noisySeries, stepLevels } from '../../helpers/history-runs.js';

const files = (values: number[]) => historyRuns(values).map((result, i) => ({ file: `r${i}.json`, result }));

describe('history', () => {
  it('reports a latency step up as a regression at the run where it starts', () => {
    const report = buildHistory(files(noisySeries(stepLevels(10, 6, 0.1), 0.03, 3)));
    expect(report.ordering).toBe('time');
    expect(report.trends.map((t) => t.metric)).toEqual(['latency']);
    expect(report.regressions).toHaveLength(1);
    expect(report.regressions[0]).toMatchObject({
      job: 'smoke/w/null/single-stream',
      metric: 'latency',
      kind: 'regression',
      at: { run: 6, runId: 'run-06' },
      lastBefore: { run: 5 },
    });
    expect(report.improvements).toEqual([]);
    expect(historyMarkdown(report)).toMatch(
      /## Regressions \(1\)[\s\S]*\| smoke\/w\/null\/single-stream \| latency \(ns\) \|.*run 6 .*\| \+\d+\.\d%/,
    );
  });

  it('counts a merged run once, not again as its shards', () => {
    const runs = files(noisySeries(stepLevels(10, 6, 0.1), 0.03, 3));
    const shard = structuredClone(runs[2]!);
    shard.result.runId = 'shard-of-run-03';
    runs[2]!.result.settings.mergedFrom = ['shard-of-run-03'];
    expect(buildHistory([...runs, shard]).runs).toHaveLength(10);
  });

  it('calls a latency step down an improvement', () => {
    const report = buildHistory(files(noisySeries(stepLevels(10, 6, -0.2), 0.03, 4)));
    expect(report.regressions).toEqual([]);
    expect(report.improvements.map((s) => s.at.run)).toEqual([6]);
  });

  it('orders by commit position when the history knows every commit, else by time', () => {
    const runs = files([1, 2, 3]).map((f) => ({
      runId: f.result.runId,
      file: f.file,
      machineId: 'm',
      startedAt: f.result.startedAt,
      commit: f.result.git!.commit,
      dirty: false,
    }));
    const reversed = new Map(runs.map((r, i) => [r.commit, 10 - i]));
    expect(orderRuns(runs, reversed)).toMatchObject({
      ordering: 'commit',
      runs: [{ runId: 'run-03' }, { runId: 'run-02' }, { runId: 'run-01' }],
    });
    expect(orderRuns(runs, new Map([[runs[0]!.commit, 0]])).ordering).toBe('time');
  });
});
