/**
 * Unicode model names are accepted alike: a YAML suite takes `модель.onnx` (and an id written in
 * any script) as `mlbench model` does, and LoadGen export folders keep the name, so two models
 * whose names differ only in non-ASCII letters never share a folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigSuite } from '../../../suites/config-suite.js';
import { fileSlug } from '../../../results/export/index.js';
import { runtimeIds } from '../../../harness/runtimes/index.js';

describe('Unicode names', () => {
  it('a YAML suite accepts Unicode model file names and ids', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-unicode-'));
    writeFileSync(path.join(dir, 'модель.onnx'), 'not read here');
    writeFileSync(path.join(dir, 'mon modèle.onnx'), 'not read here');
    const yaml = path.join(dir, 'suite.yaml');
    writeFileSync(
      yaml,
      'models:\n  - path: модель.onnx\n  - path: mon modèle.onnx\n  - path: модель.onnx\n    id: 模型-2\n',
    );
    const suite = await readConfigSuite(yaml, { profile: 'quick', timeoutMs: 60_000, allRuntimes: runtimeIds() });
    expect(suite.workloads.map((w) => w.id)).toEqual(['модель', 'mon-modèle', '模型-2']);
  });

  it('export folder names keep Unicode and never collide', () => {
    expect(fileSlug('byo/модель/ort-node:cpu/single-stream')).toBe('byo_модель_ort-node-cpu_single-stream');
    expect(fileSlug('byo/модель/x')).not.toBe(fileSlug('byo/модиль/x'));
    const used = new Map<string, string>();
    const a = fileSlug('byo/a b/ort-node:cpu/offline', used);
    const b = fileSlug('byo/a?b/ort-node:cpu/offline', used);
    expect(a).toBe('byo_a-b_ort-node-cpu_offline');
    expect(b).toMatch(/^byo_a-b_ort-node-cpu_offline-[0-9a-f]{8}$/);
    expect(fileSlug('byo/a b/ort-node:cpu/offline', used)).toBe(a);
  });
});
