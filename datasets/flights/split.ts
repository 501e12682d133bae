/**
 * The flights split (temporal, benchm-ml style), exactly:
 * - test = sample(rows of month 6, 100,000);
 * - train_10k / train_100k / train_1m = sample(rows of months 1-5, n), nested;
 * - train_full = every row of months 1-5.
 * The 6 rows stamped July are in no slice. `sample` is the smallest-key rule of split/key.ts.
 */
import type { Profile } from '../../harness/types.js';
import { sampleSmallestKeys } from '../split/key.js';

/** Training slices, smallest first (the benchm-ml data-size ladder). */
export const FLIGHTS_TRAIN_SLICES = ['train_10k', 'train_100k', 'train_1m', 'train_full'] as const;
export type FlightsTrainSlice = (typeof FLIGHTS_TRAIN_SLICES)[number];

/** Every named slice: the test slice, then the training ladder. */
export const FLIGHTS_SLICES = ['test', ...FLIGHTS_TRAIN_SLICES] as const;
export type FlightsSlice = (typeof FLIGHTS_SLICES)[number];

export const FLIGHTS_TEST_ROWS = 100_000;
const TRAIN_SIZES = [10_000, 100_000, 1_000_000];

/** Training slices each profile runs: quick = 10k and 100k, standard adds 1m, full adds all. */
export const FLIGHTS_PROFILE_SLICES: Record<Profile, FlightsTrainSlice[]> = {
  quick: ['train_10k', 'train_100k'],
  standard: ['train_10k', 'train_100k', 'train_1m'],
  full: ['train_10k', 'train_100k', 'train_1m', 'train_full'],
};

/** Row indices of every slice, computed from each row's month. */
export function flightsSplit(month: Uint8Array): Record<FlightsSlice, Uint32Array> {
  let nTest = 0;
  let nTrain = 0;
  for (let i = 0; i < month.length; i++) {
    const m = month[i]!;
    if (m === 6) nTest++;
    else if (m >= 1 && m <= 5) nTrain++;
  }
  const testPool = new Uint32Array(nTest);
  const trainPool = new Uint32Array(nTrain);
  let a = 0;
  let b = 0;
  for (let i = 0; i < month.length; i++) {
    const m = month[i]!;
    if (m === 6) testPool[a++] = i;
    else if (m >= 1 && m <= 5) trainPool[b++] = i;
  }
  const [test] = sampleSmallestKeys(testPool, [FLIGHTS_TEST_ROWS]);
  const [t10k, t100k, t1m] = sampleSmallestKeys(trainPool, TRAIN_SIZES);
  return { test: test!, train_10k: t10k!, train_100k: t100k!, train_1m: t1m!, train_full: trainPool };
}
