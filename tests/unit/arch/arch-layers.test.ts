import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, readImportGraph, violations } from './import-graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** No exception: the parity reference for ONNX files is injected by the job, not imported by models/. */
const ALLOW = new Set<string>();

describe('layers', () => {
  it('the sources have no forbidden import edge', () => {
    const edges = readImportGraph(ROOT);
    expect(edges.length).toBeGreaterThan(300);
    expect(violations(edges, ALLOW)).toEqual([]);
  });

  it('reports each kind of forbidden edge, static or dynamic', () => {
    const edges = [
      ...importsOf('results/merge.ts', "import { x } from '../reports/format.js';"),
      ...importsOf('reports/html.ts', "import type { ResultFile } from '../results/schema.js';"),
      ...importsOf('datasets/cache/binary-cache.ts', "export { w } from '../../results/store.js';"),
      ...importsOf('harness/models/parity.ts', "const m = await import('../runtimes/ort-node.js');"),
      ...importsOf('harness/runtimes/tfjs.ts', "import { f } from '../models/index.js';"),
      ...importsOf('reports/model.ts', "import { f } from '../harness/runtimes/index.js';"),
      ...importsOf('suites/user-suite.ts', "const m = await import('../harness/cli/model-action.js');"),
      ...importsOf('results/export/csv.ts', "import { ladderRows } from '../../harness/train/ladder-table.js';"),
      ...importsOf('results/export/csv.ts', "import { sliceRows } from '../../harness/plan/cost.js';"),
      ...importsOf('harness/runtimes/external.ts', "import { choosePython } from '../train/peer-python.js';"),
    ];
    expect(violations(edges)).toEqual([
      'results/ -> reports/: results/merge.ts -> reports/format.ts',
      'reports/ -> results/ other than results/index.ts: reports/html.ts -> results/schema.ts',
      'datasets/ -> results/: datasets/cache/binary-cache.ts -> results/store.ts',
      'harness/models/ -> harness/runtimes/: harness/models/parity.ts -> harness/runtimes/ort-node.ts',
      'harness/runtimes/ -> harness/models/: harness/runtimes/tfjs.ts -> harness/models/index.ts',
      'reports/ -> harness/runtimes/: reports/model.ts -> harness/runtimes/index.ts',
      'suites/ -> harness/cli/: suites/user-suite.ts -> harness/cli/model-action.ts',
      'results/ -> harness/train/ or harness/plan/: results/export/csv.ts -> harness/train/ladder-table.ts',
      'results/ -> harness/train/ or harness/plan/: results/export/csv.ts -> harness/plan/cost.ts',
      'harness/runtimes/ -> harness/train/: harness/runtimes/external.ts -> harness/train/peer-python.ts',
    ]);
    expect(violations(importsOf('reports/html.ts', "import { readResult } from '../results/index.js';"))).toEqual([]);
  });

  it('follows the measuring core through project modules to an I/O built-in', () => {
    const edges = [
      ...importsOf('harness/measure/clock.ts', "import { now } from '../system/time.js';"),
      ...importsOf('harness/system/time.ts', "import { readFileSync } from 'node:fs';"),
      ...importsOf('harness/measure/scheduler.ts', "import { Worker } from 'worker_threads';"),
    ];
    expect(violations(edges)).toEqual([
      'harness/measure -> I/O: harness/measure/clock.ts -> harness/system/time.ts -> node:fs',
      'harness/measure -> I/O: harness/measure/scheduler.ts -> worker_threads',
    ]);
  });
});
