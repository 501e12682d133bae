import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile, loadOrBuild, readCacheEntry, writeCacheEntry } from '../../../datasets/cache/binary-cache.js';

const key = { dataset: 'test', version: '1' };
const build = async () => ({
  arrays: { a: Float32Array.from([1, 2, 3]), b: Uint8Array.from([7, 8]), c: Int32Array.from([-1]) },
  extra: { vocab: ['x'] },
});

describe('binary cache detects corrupt and stale entries and rebuilds them', () => {
  it('round-trips arrays, extras and checksum', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-cache-'));
    const first = await loadOrBuild({ cacheDir: dir, name: 't', key, build });
    expect(first.fromCache).toBe(false);
    const second = await loadOrBuild({ cacheDir: dir, name: 't', key, build });
    expect(second.fromCache).toBe(true);
    expect([...(second.arrays.a as Float32Array)]).toEqual([1, 2, 3]);
    expect([...(second.arrays.c as Int32Array)]).toEqual([-1]);
    expect(second.extra).toEqual({ vocab: ['x'] });
    expect(second.checksum).toBe(first.checksum);
  });

  it('a flipped payload byte is found and the entry rebuilt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-cache-'));
    const file = cacheFile(dir, 't', key);
    await writeCacheEntry(file, key, (await build()).arrays, {});
    const clean = readFileSync(file);
    for (const at of [clean.length - 5, clean.length - 9]) {
      // a data byte, a padding byte
      const bytes = Buffer.from(clean);
      bytes[at] ^= 0xff;
      writeFileSync(file, bytes);
      expect((await readCacheEntry(file, key)).problem).toMatch(/checksum mismatch/);
    }
    const reasons: string[] = [];
    const entry = await loadOrBuild({ cacheDir: dir, name: 't', key, build, onRebuild: (r) => reasons.push(r) });
    expect(entry.fromCache).toBe(false);
    expect(reasons[0]).toMatch(/corrupt/);
    expect((await readCacheEntry(file, key)).entry).toBeDefined();
  });

  it('truncated files and other keys are not trusted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-cache-'));
    const file = cacheFile(dir, 't', key);
    await writeCacheEntry(file, key, (await build()).arrays, {});
    expect((await readCacheEntry(file, { ...key, version: '2' })).problem).toMatch(/stale/);
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    expect((await readCacheEntry(file, key)).problem).toMatch(/corrupt/);
  });

  it('a failing build leaves nothing half-written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-cache-'));
    const failing = async (): Promise<never> => {
      throw new Error('bad input');
    };
    await expect(loadOrBuild({ cacheDir: dir, name: 't', key, build: failing })).rejects.toThrow('bad input');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
