import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayArgs, resolveSide, runArgv } from '../../../harness/cli/ab-action.js';
import { UsageError } from '../../../harness/errors.js';
import { job, result } from './make-result.js';

const SHARED = ['run', '--suite', 'zoo', '--scenario', 'single-stream'];

describe('mlbench ab: sides', () => {
  it('key=value becomes --set on the shared arguments', async () => {
    const side = await resolveSide('--b', 'ort.intraOpThreads=1,ort.interOpThreads=1', SHARED);
    expect(side.kind).toBe('set');
    expect(side.argv.slice(2)).toEqual([...SHARED, '--set', 'ort.intraOpThreads=1', '--set', 'ort.interOpThreads=1']);
  });

  it('a result file re-runs its recorded plan and non-default settings', () => {
    const r = result([job()]);
    r.settings = {
      ...r.settings,
      suites: ['zoo'],
      runtimes: ['ort-node:cpu'],
      scenarios: ['single-stream'],
      profile: 'quick',
      'ort.intraOpThreads': 1,
    };
    const expected = [
      'run',
      '--suite',
      'zoo',
      '--runtime',
      'ort-node:cpu',
      '--scenario',
      'single-stream',
      '--profile',
      'quick',
      '--set',
      'ort.intraOpThreads=1',
    ];
    // An older file keeps the run's choices in settings; a current one in plan.choices.
    expect(replayArgs(r)).toEqual(expected);
    const current = result([job()]);
    current.settings = { ...current.settings, 'ort.intraOpThreads': 1 };
    current.plan = {
      command: 'run',
      args: ['run'],
      jobs: [],
      choices: { suites: ['zoo'], runtimes: ['ort-node:cpu'], scenarios: ['single-stream'], profile: 'quick' },
    };
    expect(replayArgs(current)).toEqual(expected);
  });

  it('a checkout needs bin/mlbench.js; an unknown form names the flag', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ab-side-'));
    await expect(resolveSide('--a', dir, SHARED)).rejects.toThrow(/--a .*not an mlbench checkout/);
    await expect(resolveSide('--a', 'nonsense', SHARED)).rejects.toBeInstanceOf(UsageError);
    await expect(resolveSide('--b', 'ort.intraOpThreads=-1', SHARED)).rejects.toThrow(
      /--b ort.intraOpThreads=-1: .*ort.intraOpThreads/,
    );
    await expect(resolveSide('--a', 'null.latencyUs=1', [])).rejects.toThrow(/shared mlbench arguments after --/);
    const model = path.join(dir, 'm.onnx');
    writeFileSync(model, '');
    expect((await resolveSide('--a', model, ['model', '--runtime', 'ort-node:cpu'])).argv.slice(2)).toEqual([
      'model',
      model,
      '--runtime',
      'ort-node:cpu',
    ]);
  });

  it('each run writes under its own results dir, without a report, under taskset when asked', async () => {
    const side = await resolveSide('--a', 'null.latencyUs=1', SHARED);
    const { file, args } = runArgv(side, '/tmp/r/a-1', '1');
    expect(file).toBe('taskset');
    expect(args.slice(0, 2)).toEqual(['-c', '1']);
    expect(args.slice(-3)).toEqual(['--results-dir', '/tmp/r/a-1', '--no-report']);
    const cmd = runArgv(await resolveSide('--b', 'cmd:node bin/mlbench.js run --suite smoke', []), "/tmp/it's");
    expect(cmd.args).toEqual([
      '-c',
      `node bin/mlbench.js run --suite smoke '--results-dir' '/tmp/it'\\''s' '--no-report'`,
    ]);
  });
});
