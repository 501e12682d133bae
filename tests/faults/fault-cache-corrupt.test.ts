/** Fault 22: a corrupted cache file is detected by its checksum and rebuilt; the data is unchanged. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlbench, tempDir } from './helpers.js';

describe('fault: a corrupted cache file', () => {
  it('is detected, named and rebuilt to the same checksum', () => {
    const dir = tempDir();
    const cacheDir = path.join(dir, 'cache');
    const csv = path.join(dir, 'data.csv');
    writeFileSync(
      csv,
      ['a,b,y', ...Array.from({ length: 200 }, (_, i) => `${i},${(i * 7) % 13},${i % 3 === 0 ? 'late' : 'ok'}`)].join(
        '\n',
      ),
    );
    const args = ['datasets', 'prepare', `csv:${csv}`, '--target', 'y', '--cache-dir', cacheDir];
    const first = mlbench(args);
    expect(first.code, first.stderr).toBe(0);
    const checksum = /checksum (\w+)/.exec(first.stdout)?.[1];
    const [bin] = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
    const file = path.join(cacheDir, bin!);
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    const again = mlbench(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/not usable.*rebuilding/);
    expect(/checksum (\w+)/.exec(again.stdout)?.[1]).toBe(checksum);
    const third = mlbench(args);
    expect(third.stdout + third.stderr).not.toMatch(/rebuilding/);
  });
});
