/** `mlbench run --suite transformers` (quick, part of the default run): both jobs measured, bert with parity and tokens/s, gpt with TTFT/TPOT. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('mlbench run --suite transformers', () => {
  it('quick: bert single-stream with parity and tokens/s, gpt generation with TTFT, TPOT and output tokens/s', () => {
    const dir = tempDir();
    const run = mlbench(['run', '--suite', 'transformers', '--results-dir', dir, '--no-report']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/transformers\/bert-tiny-seq32\s+ort-node:cpu\s+single-stream\s+ok/);
    expect(run.stdout).toMatch(/transformers\/gpt-tiny\s+ort-node:cpu\s+single-stream\s+ok/);
    const machine = readdirSync(dir).find((d) => !d.startsWith('.'))!;
    const file = readdirSync(path.join(dir, machine)).find((f) => f.endsWith('.json'))!;
    const jobs = (
      JSON.parse(readFileSync(path.join(dir, machine, file), 'utf8')) as { jobs: Array<Record<string, any>> }
    ).jobs;
    const bert = jobs.find((j) => j.workload === 'bert-tiny-seq32')!;
    expect(bert.parity.pass).toBe(true);
    expect(bert.tokensPerS).toBeGreaterThan(0);
    const gpt = jobs.find((j) => j.workload === 'gpt-tiny')!;
    expect(gpt.generation.outputTokens).toBe(gpt.generation.requests * 16);
    expect(gpt.generation.ttftNs.p50).toBeGreaterThan(0);
    expect(gpt.generation.tpotNs.p99).toBeGreaterThanOrEqual(gpt.generation.tpotNs.p50);
    expect(gpt.generation.outputTokensPerS).toBeGreaterThan(0);
  }, 120_000);
});
