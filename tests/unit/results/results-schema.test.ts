import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult, readResult, resultPath, writeResult } from '../../../results/store.js';
import { sampleResult } from '../../helpers/sample-result.js';

describe('result files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-schema-'));

  it('round-trips through an atomic write and a validated read', async () => {
    const file = resultPath(dir, 'm-1', 'r1');
    await writeResult(file, sampleResult());
    expect(await readResult(file)).toEqual(sampleResult());
  });

  it('never overwrites an earlier file', async () => {
    const file = resultPath(dir, 'm-1', 'r2');
    await writeResult(file, sampleResult());
    await expect(writeResult(file, sampleResult())).rejects.toThrow(/append-only/);
  });

  it('refuses a newer schemaVersion with a clear message naming the file', () => {
    const text = JSON.stringify({ ...sampleResult(), schemaVersion: 2 });
    expect(() => parseResult(text, 'future.json')).toThrow(
      /future.json: schemaVersion 2 is newer than this mlbench understands \(1\)/,
    );
  });

  it('names the file and the field of an invalid or truncated file', async () => {
    const bad = { ...sampleResult(), jobs: [{ ...sampleResult().jobs[0], status: 'exploded' }] };
    expect(() => parseResult(JSON.stringify(bad), 'bad.json')).toThrow(
      /bad.json: invalid result file at jobs.0.status/,
    );
    const file = path.join(dir, 'trunc.json');
    writeFileSync(file, readFileSync(resultPath(dir, 'm-1', 'r1'), 'utf8').slice(0, 100));
    await expect(readResult(file)).rejects.toThrow(/trunc.json: not valid JSON.*truncated/);
  });
});
