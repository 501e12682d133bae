import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli/main.js';

const dir = mkdtempSync(path.join(tmpdir(), 'mlbench-cli-data-'));
const cacheDir = path.join(dir, 'cache');

async function prepare(
  name: string,
  text: string,
  target = 'y',
): Promise<{ code: number; stderr: string; file: string }> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(['datasets', 'prepare', `csv:${file}`, '--target', target, '--cache-dir', cacheDir]);
    return { code, stderr, file };
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
}
afterEach(() => {
  process.exitCode = undefined;
});

describe('mlbench datasets prepare csv:<file>: bad input exits 2 naming the file and line', () => {
  const cases: Array<[string, string, RegExp, string?]> = [
    ['ragged.csv', 'a,b,y\n1,2,x\n3,4\n', /ragged\.csv:3: ragged row/],
    ['quote.csv', 'a,b,y\n1,2,x\n3,"4,x\n', /quote\.csv:\d+: unclosed quote/],
    ['nonnum.csv', 'a,b,y\n1,2,x\n3,oops,z\n', /nonnum\.csv:3: column "b" is numeric/],
    ['empty.csv', '', /empty\.csv:1: empty file/],
    ['notarget.csv', 'a,b\n1,2\n', /notarget\.csv:1: target column "y" is not in the header/],
    ['oneclass.csv', 'a,y\n1,x\n2,x\n', /oneclass\.csv:2-3: target column "y" has one class/],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, async () => {
      const r = await prepare(name, text);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/E_BAD_DATA/);
      expect(r.stderr).toMatch(pattern);
    });
  }

  it('nothing is written to the cache on failure; a good file is cached', async () => {
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
    const r = await prepare('good.csv', 'a,b,y\n1,2,x\n3,4,z\n5,6,x\n');
    expect(r.code).toBe(0);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
  });
});
