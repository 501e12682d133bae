import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from '../helpers/cli.js';

describe('precision: mlbench export --param precision=', () => {
  it('writes the int8 graph and refuses an unknown precision with exit code 2', async () => {
    const dir = tempDir();
    const ok = mlbench(['export', '--model', 'mlp', '--param', 'precision=int8', '--output', `${dir}/m.onnx`]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('-int8');
    const bad = mlbench(['export', '--model', 'mlp', '--param', 'precision=int4', '--output', `${dir}/n.onnx`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/precision must be one of fp32, fp16, int8, int8w, got "int4"/);
  });
});
