import { describe, expect, it } from 'vitest';
import { describeEncoding, encodeSlice, fitEncoding, oneHotRows } from '../../../datasets/tabular/encode.js';
import type { TabularTable } from '../../../datasets/tabular/types.js';

// Rows 0-3 train, 4-5 test. Month is the period (test month 6 never in training), hour a
// calendar field (test hour 23 unseen), distance a measure, airport categorical (test 'ZZZ' unseen).
const table: TabularTable = {
  rows: 6,
  numericNames: ['month', 'hour', 'distance'],
  numeric: [
    Uint8Array.from([1, 2, 3, 4, 6, 6]),
    Uint8Array.from([7, 9, 7, 12, 9, 23]),
    Uint16Array.from([100, 200, 300, 400, 250, 999]),
  ],
  numericRoles: ['period', 'calendar', 'measure'],
  categoricalNames: ['airport'],
  categorical: [Uint16Array.from([0, 1, 1, 0, 1, 2])],
  vocabularies: [['AAA', 'BBB', 'ZZZ']],
  target: 'delayed',
  classes: ['on-time', 'delayed'],
  labels: Uint8Array.from([0, 1, 0, 1, 1, 0]),
};
const train = Uint32Array.from([0, 1, 2, 3]);
const test = Uint32Array.from([4, 5]);

describe("datasets: mlbench's encoding of raw columns by role", () => {
  const enc = fitEncoding('t', table, 'train', train);

  it('standardises measures, one-hots calendar fields and categories, leaves the period out', () => {
    expect(enc.numeric.map((n) => n.name)).toEqual(['distance']);
    expect(enc.dropped).toEqual(['month']);
    expect(enc.categorical.map((c) => [c.name, c.from, c.cardinality, c.oneHotOffset])).toEqual([
      ['hour', 'calendar', 4, 1],
      ['airport', 'categorical', 3, 5],
    ]);
    expect(enc.categorical[0]!.vocabulary).toEqual(['7', '9', '12']);
    expect(enc.oneHotWidth).toBe(1 + 4 + 3);
    expect(describeEncoding(enc)).toMatchObject({
      standardised: ['distance'],
      oneHot: { hour: 4, airport: 3 },
      dropped: ['month'],
      width: 8,
    });
  });

  it('values unseen in training (hour 23, airport ZZZ) get the unseen column 0; seen ones their own', () => {
    const e = encodeSlice(table, 'test', test, enc);
    expect([...e.categorical]).toEqual([2, 2, 0, 0]);
    const dense = oneHotRows(e, enc, 0, 2);
    expect(Array.from(dense.subarray(1, 8))).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(dense.subarray(9, 16))).toEqual([1, 0, 0, 0, 1, 0, 0]);
    expect(dense[8]).toBeCloseTo((999 - 250) / Math.sqrt(12_500), 4);
  });
});
