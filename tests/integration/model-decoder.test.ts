/** `mlbench model` on a decoder in optimum's layout (bring your own): generation, and a malformed cache refused. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResult } from '../../results/store.js';
import { mlbench, tempDir } from '../helpers/cli.js';

const FIXTURES = path.resolve('tests/fixtures/decoder');
const FAST = [
  '--min-duration',
  '50',
  '--min-queries',
  '4',
  '--set',
  'gen.outputTokens=6',
  '--set',
  'gen.inputTokens=5',
];

describe('mlbench model <decoder.onnx>', () => {
  it('recognises the cache inputs and runs generation: TTFT, TPOT and tokens per request', () => {
    const dir = tempDir();
    const run = mlbench([
      'model',
      path.join(FIXTURES, 'decoder_model_merged.onnx'),
      '--runtime',
      'ort-node:cpu',
      '--scenario',
      'single-stream,offline',
      '--results-dir',
      dir,
      ...FAST,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr + run.stdout).toMatch(
      /decoder \(optimum layout\): 1 layers, 2 heads x 16, merged \(use_cache_branch\)/,
    );
    const [machine] = readdirSync(dir);
    const file = path.join(dir, machine!, readdirSync(path.join(dir, machine!))[0]!);
    const jobs = parseResult(readFileSync(file, 'utf8'), file).jobs;
    expect(jobs.map((j) => [j.kind, j.scenario, j.status])).toEqual([
      ['generation', 'single-stream', 'ok'],
      ['generation', 'offline', 'ok'],
    ]);
    const g = jobs[0]!.generation!;
    expect(g.requests).toBeGreaterThanOrEqual(4);
    expect(g.perRequest.outputTokens.every((n) => n === 6)).toBe(true);
    expect(g.ttftNs.p50).toBeGreaterThan(0);
    expect(g.tpotNs!.p50).toBeGreaterThan(0);
    expect(g.firstRequestTokens).toHaveLength(6);
    expect(g.bandwidthFloor!.percentOfFloor).toBeGreaterThan(0);
    expect(jobs[1]!.loadgen!.result_tokens_per_second).toBeGreaterThan(0);
  }, 120_000);

  it('a cache input without its present output: exit 2 naming the input', () => {
    const run = mlbench(['model', path.join(FIXTURES, 'broken_cache.onnx'), '--results-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /input "past_key_values\.0\.value" is a KV-cache input but there is no output "present\.0\.value"/,
    );
  });
});
