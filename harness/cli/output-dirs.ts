/**
 * Output folders checked before any job runs, and the last-resort write of a measured run, so
 * that an unwritable --results-dir or --report-dir costs seconds, not the run (hyperfine checks
 * its --export paths up front the same way).
 */
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../common/atomic-write.js';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

/** `EACCES (permission denied)` from a Node file-system error. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${code}: ${REASONS[code] ?? (err as Error).message}` : (err as Error).message;
}

/**
 * Creates `dir` if missing and proves it writable by creating and removing a probe file (an
 * access() check is not enough: root passes it on a read-only or immutable folder).
 * Throws a UsageError (exit 2) naming `flag`, the folder and the reason.
 */
export async function assertWritableDir(dir: string, flag: string): Promise<void> {
  const probe = path.join(dir, `.mlbench-write-check-${process.pid}`);
  try {
    await mkdirRealErrno(dir);
    const handle = await open(probe, 'wx');
    try {
      await handle.writeFile('ok');
    } finally {
      await handle.close();
      await unlink(probe).catch(() => undefined);
    }
  } catch (err) {
    throw new UsageError(
      'E_BAD_FLAG',
      `${flag} ${dir}: the folder ${path.resolve(dir)} is not writable (${fsReason(err)}); no job was run. Choose a writable folder with ${flag}.`,
    );
  }
}

/**
 * `mkdir -p dir`, but failing with the errno of the first folder that cannot be created: Node's
 * recursive mkdir reports ENOENT on a read-only file system (it never tries the missing parent
 * alone), so the missing parents are created one by one from the deepest existing ancestor.
 */
export async function mkdirRealErrno(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const exists = await stat(at).then(
      () => true,
      () => false,
    );
    if (exists || path.dirname(at) === at) break;
    missing.unshift(at);
    at = path.dirname(at);
  }
  for (const folder of missing)
    await mkdir(folder).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
}

/**
 * Saves a measured run whose result file could not be written: first over `partialFile`, then
 * in the system's temp folder. Returns the path that holds the data, or null when both failed.
 */
export async function rescueResult(json: string, partialFile: string, runId: string): Promise<string | null> {
  for (const file of [partialFile, path.join(os.tmpdir(), `mlbench-${runId}.json.partial`)]) {
    try {
      await writeFileAtomic(file, json);
      return file;
    } catch {
      // try the next place
    }
  }
  return null;
}
