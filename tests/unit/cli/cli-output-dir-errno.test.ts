/**
 * A --report-dir under a read-only file system names the real errno (EROFS), not the ENOENT that
 * Node's recursive mkdir reports there. The read-only file system is a tmpfs mounted `ro`
 * (root only); elsewhere the test is skipped, as it cannot build the fault.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertWritableDir } from '../../../harness/cli/output-dirs.js';
import { tempDir } from '../../helpers/cli.js';

const root = tempDir();
const ro = path.join(root, 'ro');
mkdirSync(ro);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [ro]);
});

describe('output folders: the real errno', () => {
  it.skipIf(!mounted)('reports EROFS for missing folders on a read-only file system', async () => {
    const err = await assertWritableDir(path.join(ro, 'a', 'b'), '--report-dir').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('EROFS');
    expect((err as Error).message).not.toContain('ENOENT');
  });

  it('still creates missing parents on a writable file system', async () => {
    await expect(assertWritableDir(path.join(root, 'w', 'x', 'y'), '--report-dir')).resolves.toBeUndefined();
  });
});
