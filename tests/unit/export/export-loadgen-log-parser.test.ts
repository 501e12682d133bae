/** MLPerf's own reader (tools/submission/log_parser.py, a vendored fixture) reads our detail log. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOADGEN_HEADER, loadgenExporter } from '../../../results/export/index.js';
import { FIXTURES, sampleRun } from './helpers.js';

const PYTHON = '/usr/bin/python3';

describe.skipIf(!existsSync(PYTHON))('export loadgen: MLPerf log_parser.py', () => {
  it('parses every message of the exported detail log, the notice first', () => {
    const run = sampleRun();
    const files = loadgenExporter.render(run);
    const detail = files.find((f) => f.name.endsWith('single-stream_0/mlperf_log_detail.txt'))!.content;
    expect(detail.startsWith(':::MLLOG ')).toBe(true);
    expect(detail.split('\n')[0]).toContain(LOADGEN_HEADER);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mlbench-mllog-')), 'mlperf_log_detail.txt');
    writeFileSync(file, detail);
    const r = spawnSync(PYTHON, [path.join(FIXTURES, 'mlperf', 'log_parser.py'), '--input', file], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = detail.trim().split('\n').length;
    expect(r.stderr).toContain(`Number of messages: ${lines}`);
    expect(r.stderr).toContain('Number of warnings: 1');
    expect(r.stderr).toMatch(/"result_validity": VALID/);
  });

  it("labels a VALID judged below LoadGen's minimums in both files", () => {
    const files = loadgenExporter.render(sampleRun());
    const summary = files.find((f) => f.name.endsWith('single-stream_0/mlperf_log_summary.txt'))!.content;
    const detail = files.find((f) => f.name.endsWith('single-stream_0/mlperf_log_detail.txt'))!.content;
    expect(summary).toMatch(/^Result is : VALID \(relaxed: .+; LoadGen requires 600 s, 1024\)$/m);
    expect(detail).toMatch(/"key":"mlbench_result_label","value":"VALID \(relaxed: /);
  });
});
