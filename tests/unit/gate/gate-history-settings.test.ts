import { describe, expect, it } from 'vitest';
import { buildHistory, historyMarkdown } from '../../../results/history/index.js';
import { historyRuns, noisySeries, stepLevels } from '../../helpers/history-runs.js';

describe('gate: history says which settings changed at a step (why 8)', () => {
  it('a step where --set changed is not comparable, naming the setting, and never a regression', () => {
    const runs = historyRuns(noisySeries(stepLevels(10, 6, 0.1), 0.03, 3)).map((result, i) => {
      result.jobs[0]!.settings = { ...result.jobs[0]!.settings, 'null.latencyUs': i + 1 >= 6 ? 1100 : 1000 };
      return { file: `r${i}.json`, result };
    });
    const report = buildHistory(runs);
    expect(report.regressions).toEqual([]);
    expect(report.notComparable).toHaveLength(1);
    expect(report.notComparable[0]).toMatchObject({
      kind: 'not comparable',
      at: { run: 6 },
      settingsChanged: ['null.latencyUs: 1000 → 1100'],
    });
    expect(historyMarkdown(report)).toMatch(
      /## Not comparable: settings changed at the step \(1\)[\s\S]*null\.latencyUs: 1000 → 1100/,
    );
  });

  it('a step with the same settings stays a regression', () => {
    const runs = historyRuns(noisySeries(stepLevels(10, 6, 0.1), 0.03, 3)).map((result, i) => ({
      file: `r${i}.json`,
      result,
    }));
    expect(buildHistory(runs).regressions[0]).toMatchObject({ kind: 'regression', settingsChanged: [] });
  });
});
