/** Fault: a user suite or config file with a wrong field exits 2 naming the file and the field. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, ROOT, tempDir } from '../helpers/cli.js';

const run = (file: string, dir: string) =>
  mlbench(['run', '--suite', file, '--results-dir', path.join(dir, 'r'), '--no-report']);

describe('fault: suite plugin with bad fields', () => {
  it('names the workload field a JS suite got wrong, and a missing export', () => {
    const dir = tempDir();
    const file = path.join(dir, 'typo-suite.js');
    writeFileSync(
      file,
      "export default { id: 's', describe: () => 's', workloads: () => [{ id: 'a', kind: 'inference', model: { kind: 'onnx', path: 'm.onnx' } }] };\n",
    );
    const r = run(file, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: workloads("quick")[0].model.kind:`);
    const empty = path.join(dir, 'empty-suite.js');
    writeFileSync(empty, 'export const x = 1;\n');
    expect(run(empty, dir).stderr).toContain(`${empty}: exports no suite`);
  });

  it('names the config field, the YAML line, the setting and the model file at fault', () => {
    const dir = tempDir();
    const cases = path.join(ROOT, 'tests/fixtures/cases/onnx');
    const write = (name: string, text: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const field = write('a.yaml', `models:\n  - path: ${cases}/fp16_io.onnx\n    shape: { pixel_values: [1, 0] }\n`);
    expect(run(field, dir).stderr).toMatch(new RegExp(`${field}: models\\[0\\]\\.shape\\.pixel_values\\[1\\]: `));
    const yaml = write('b.yaml', 'models: [\n  - path: x\n');
    expect(run(yaml, dir).stderr).toMatch(new RegExp(`${yaml}:\\d+: not valid YAML`));
    const setting = write(
      'c.json',
      JSON.stringify({ settings: { minQueryCnt: 5 }, models: [{ path: `${cases}/fp16_io.onnx` }] }),
    );
    expect(run(setting, dir).stderr).toContain(`${setting}: settings.minQueryCnt: unknown setting "minQueryCnt"`);
    const missing = write('d.json', JSON.stringify({ models: [{ path: 'nope.onnx' }] }));
    const r = run(missing, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(dir, 'nope.onnx')}: cannot read the model file (ENOENT)`);
  });
});
