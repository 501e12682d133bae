import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS, resolveDataset } from '../../../datasets/registry.js';
import { loadTabularSplit } from '../../../datasets/tabular/load-split.js';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'mlbench-builtin-'));

describe('built-in datasets are deterministic and well-formed', () => {
  it('mnist: 8,000 train + 2,000 test, 784 pixels in [0,1], labels 0..9, same twice', async () => {
    const ds = DATASETS.mnist!({ cacheDir });
    const [train, test, again] = [await ds.load('train'), await ds.load('test'), await ds.load('test')];
    expect([train.rows, test.rows, train.columns]).toEqual([8000, 2000, 784]);
    expect(again.meta.checksum).toBe(test.meta.checksum);
    expect(Math.min(...test.features.subarray(0, 784 * 50))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...test.features.subarray(0, 784 * 50))).toBeLessThanOrEqual(1);
    expect(new Set(train.labels).size).toBe(10);
    expect(new Set(train.labels.subarray(0, 50)).size).toBeGreaterThan(5);
  });

  it('iris: 120/30 split; synthetic generators depend only on the seed', async () => {
    const iris = DATASETS.iris!({ cacheDir });
    expect([(await iris.load('train')).rows, (await iris.load('test')).rows]).toEqual([120, 30]);
    const tab = DATASETS['synthetic-tabular']!({ cacheDir });
    expect((await tab.load('1k')).meta.checksum).toBe((await tab.load('1000')).meta.checksum);
    const img = await DATASETS['synthetic-image']!({ cacheDir }).load('8x3x32x32');
    expect([img.rows, img.columns, img.meta.dims]).toEqual([8, 3072, [8, 3, 32, 32]]);
    const split = await loadTabularSplit('synthetic-tabular', 'train_5k', { cacheDir });
    expect([split.train.rows, split.test.rows, split.encoding.oneHotWidth]).toEqual([5000, 10000, 6 + 51 + 51]);
  });

  it('user CSV through loadTabularSplit and resolveDataset', async () => {
    const file = path.join(cacheDir, 'u.csv');
    const lines = ['x,c,y'];
    for (let i = 0; i < 100; i++) lines.push(`${i},${['a', 'b', 'c'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const split = await loadTabularSplit(`csv:${file}`, 'train', { cacheDir, target: 'y' });
    expect([split.train.rows, split.test.rows]).toEqual([80, 20]);
    expect(split.encoding.target).toEqual({ name: 'y', classes: ['no', 'yes'] });
    const ds = resolveDataset(`csv:${file}`, { cacheDir, target: 'y' });
    expect((await ds.load('test')).rows).toBe(20);
    await expect(loadTabularSplit(`csv:${file}`, 'train', { cacheDir })).rejects.toThrow(/--target is required/);
    expect(() => resolveDataset('nope', { cacheDir })).toThrow(/unknown dataset "nope". Valid values: flights, mnist/);
  });
});
