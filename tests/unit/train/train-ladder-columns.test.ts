import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../../results/schema.js';
import { benchmMlTable, ladderRows } from '../../../harness/train/ladder-table.js';

// A hand-made result file with every case a column must tell apart: a target reached, a tool
// without per-epoch AUC, a run that missed the target next to one that reached it, an unavailable peer.
const jobs = (
  JSON.parse(
    readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'results', 'tabular', 'benchm-ml-jobs.json'), 'utf8'),
  ) as { jobs: JobResult[] }
).jobs;

describe("train: the benchm-ml table's columns mean one thing for every row", () => {
  const text = benchmMlTable(jobs)!;
  const line = (needle: string) => text.split('\n').find((l) => l.includes(needle)) ?? '';

  it("train s is the full run; to target s is its own column; peak RSS is the training process's own", () => {
    expect(line('tfjs:wasm')).toMatch(/logreg\s+tfjs:wasm\s+1m\s+ok\s+20\.00\s+10\.50\s+250\s+0\.6634\s+-$/);
    expect(line('xgboost')).toMatch(
      /gbt\s+external:peers\/xgboost_hist\.py\s+1m\s+ok\s+40\.00\s+3\.25\s+700\s+0\.6900/,
    );
  });

  it('a tool without a per-epoch AUC shows "-"; runs that missed the target show as missing with a note', () => {
    expect(line('sklearn_logreg')).toMatch(/ok\s+30\.00\s+-\s+480\s+0\.6635/);
    const [mlp] = ladderRows(jobs).filter((r) => r.runtime === 'tfjs:cpu');
    expect(mlp).toMatchObject({
      status: 'ok/failed',
      runs: 2,
      targetMissed: 1,
      targetReported: 2,
      timeToTargetSeconds: 50,
    });
    expect(line('tfjs:cpu')).toMatch(/ok\/failed\s+110\.00\s+missed 1\/2\s+305\s+0\.6575/);
    expect(text).toMatch(/missed k\/n: k of n runs never reached the target; their time is missing, not averaged\./);
    expect(text).toMatch(/to target s: .*\(1m 0\.655\); - = the tool reports no per-epoch AUC\./);
    expect(text).toMatch(/peak RSS: the training process's own peak resident set/);
    expect(text.split('\n').at(-1)).toBe(
      'unavailable here: external:peers/sklearn_mlp.py (reasons in the result file)',
    );
  });
});
