/**
 * Atomic file writes, the one implementation for results, dataset caches, reports and exports: a
 * complete, fsync'd temp file in the same folder, then a rename (or a link, to never replace), so a
 * crash leaves either the old file or the new one, never a torn one.
 */
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Writes a complete temp file beside `file` (fsync'd) and returns its path; removes it on failure. */
async function writeTemp(file: string, data: string | Uint8Array): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return tmp;
}

/** Writes `data` to `file` atomically: a temp file in the same folder, fsync, then rename over `file`. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = await writeTemp(file, data);
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * Writes `data` to `file` atomically and only if `file` does not exist: the complete temp file is
 * hard-linked to the final name (link fails with EEXIST instead of replacing, with no window
 * between a check and the write), then the temp name is removed. An existing `file` rejects
 * with the EEXIST error.
 */
export async function writeFileAtomicNew(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = await writeTemp(file, data);
  try {
    await link(tmp, file);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
