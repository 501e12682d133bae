import { describe, expect, it } from 'vitest';
import { buildPrecisionTables } from '../../../reports/precision-table.js';
import { precisionTablesMarkdown } from '../../../reports/precision-table-md.js';
import type { ReportJob } from '../../../reports/model.js';

const job = (
  precision: string,
  runtime: string,
  p50: number | null,
  error: number | null,
  status = 'ok',
  message?: string,
): ReportJob =>
  ({
    key: `precision/m-${precision}/${runtime}`,
    machineId: 'm1',
    machineLabel: 'A',
    suite: 'precision',
    workload: `m-${precision}`,
    scenario: 'single-stream',
    runtime,
    kind: 'inference',
    latest: true,
    status,
    error: message ? { code: 'E_PRECISION', message } : null,
    latencyNs: p50 === null ? null : { p50 },
    latencySample: null,
    accuracy: null,
    precisionOf: {
      precision,
      family: 'bert:[]',
      label: 'bert-tiny',
      error:
        error === null
          ? null
          : { normalizedMaxError: error, bound: 0.1, withinBound: error <= 0.1, top1Agreement: 0.98 },
    },
  }) as unknown as ReportJob;

describe('reports: precision x runtime table', () => {
  it('speed is x vs fp32 on the same runtime; error beside its bound; unavailable pairs show the reason', () => {
    const tables = buildPrecisionTables([
      job('fp32', 'ort-node:cpu', 2000, 1e-6),
      job('int8', 'ort-node:cpu', 1000, 0.05),
      job('fp16', 'ort-node:cpu', 4000, 0.2),
      job('fp32', 'tfjs:wasm', 8000, 1e-6),
      job('int8', 'tfjs:wasm', null, null, 'unavailable', 'tfjs:wasm has no int8 kernels (declared)'),
    ]);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.runtimes).toEqual(['ort-node:cpu', 'tfjs:wasm']);
    expect(t.rows.map((r) => r.precision)).toEqual(['fp32', 'fp16', 'int8']);
    const int8 = t.rows[2]!.cells;
    expect(int8[0]).toMatchObject({ speedupVsFp32: 2, normalizedMaxError: 0.05, withinBound: true });
    expect(int8[1]).toMatchObject({
      status: 'unavailable',
      latencyNs: null,
      reason: 'tfjs:wasm has no int8 kernels (declared)',
    });
    expect(t.rows[1]!.cells[0]).toMatchObject({ speedupVsFp32: 0.5, withinBound: false });
    const md = precisionTablesMarkdown(tables).join('\n');
    expect(md).toContain('1.00 µs (2.00× vs fp32); error 5.0e-2 ≤ 1.0e-1; top-1 98%');
    expect(md).toContain('error 2.0e-1 &gt; 1.0e-1');
    expect(md).toContain('unavailable: tfjs:wasm has no int8 kernels (declared)');
  });

  it('a model at one precision only has no table', () => {
    expect(buildPrecisionTables([job('fp32', 'ort-node:cpu', 2000, 1e-6)])).toEqual([]);
  });
});
