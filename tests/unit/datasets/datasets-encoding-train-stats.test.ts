import { describe, expect, it } from 'vitest';
import { encodeSlice, fitEncoding, oneHotRows } from '../../../datasets/tabular/encode.js';
import type { TabularTable } from '../../../datasets/tabular/types.js';

function table(testValue: number, testCategory: number): TabularTable {
  return {
    rows: 5,
    numericNames: ['x'],
    numeric: [Float64Array.from([1, 2, 3, testValue, testValue])],
    categoricalNames: ['c'],
    categorical: [Int32Array.from([0, 1, 0, testCategory, 1])],
    vocabularies: [['a', 'b', 'z']],
    target: 'y',
    classes: ['0', '1'],
    labels: Uint8Array.from([0, 1, 0, 1, 1]),
  };
}
const train = Uint32Array.from([0, 1, 2]);
const test = Uint32Array.from([3, 4]);

describe('encodings use training statistics only', () => {
  it('mean and std come from the training rows; test values do not move them', () => {
    const a = fitEncoding('t', table(100, 2), 'train', train);
    const b = fitEncoding('t', table(-5, 0), 'train', train);
    expect(a).toEqual(b);
    expect(a.numeric[0]!.mean).toBeCloseTo(2, 12);
    expect(a.numeric[0]!.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('the test slice is standardised with the training statistics', () => {
    const t = table(100, 2);
    const enc = fitEncoding('t', t, 'train', train);
    const e = encodeSlice(t, 'test', test, enc);
    expect(e.numeric[0]).toBeCloseTo((100 - 2) / Math.sqrt(2 / 3), 3);
    expect([...encodeSlice(t, 'train', train, enc).numeric].reduce((s, v) => s + v, 0)).toBeCloseTo(0, 5);
  });

  it('categories unseen in training get id 0; vocabularies hold training values only', () => {
    const t = table(0, 2);
    const enc = fitEncoding('t', t, 'train', train);
    expect(enc.categorical[0]).toMatchObject({ vocabulary: ['a', 'b'], cardinality: 3, oneHotOffset: 1 });
    expect([...encodeSlice(t, 'test', test, enc).categorical]).toEqual([0, 2]);
  });

  it('one-hot rows are built per batch', () => {
    const t = table(0, 2);
    const enc = fitEncoding('t', t, 'train', train);
    const e = encodeSlice(t, 'train', train, enc);
    const dense = oneHotRows(e, enc, 1, 3);
    expect(enc.oneHotWidth).toBe(4);
    expect(Array.from(dense.subarray(1, 4))).toEqual([0, 0, 1]);
    expect(Array.from(dense.subarray(5, 8))).toEqual([0, 1, 0]);
  });
});
