import { describe, expect, it } from 'vitest';
import { machineDifferences } from '../../../results/compare/index.js';
import { machineFacts, MACHINE_FIELDS } from '../../../results/machine-facts.js';
import { machine } from './make-result.js';

describe('machine facts (one list for the report table and the compare check)', () => {
  it('compare names the differing recorded facts and ignores time-varying ones', () => {
    const a = machine('m-1');
    const b = machine('m-2', {
      hostname: 'host-m-1',
      os: { ...a.os, kernel: '6.1' },
      loadAverage: [3, 2, 1],
      cpu: { ...a.cpu, speedGHz: 3.1 },
    });
    expect(machineDifferences(a, b)).toEqual(['os.kernel: "6.0" -> "6.1"']);
  });

  it('the report table has one row per field, in order', () => {
    const rows = machineFacts(machine());
    expect(rows.map(([k]) => k)).toEqual(MACHINE_FIELDS.map((f) => f.label));
    expect(rows.find(([k]) => k === 'OS')?.[1]).toBe('Test 1 (linux x64, kernel 6.0)');
  });
});
