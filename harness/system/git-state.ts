/**
 * The git commit a run measured, for `mlbench history`: HEAD of the checkout mlbench runs in and
 * whether tracked files had uncommitted changes (a dirty tree measures code no commit holds).
 * Null outside a git checkout or without git: absence is an answer, not an error.
 */
import { execFile } from 'node:child_process';

export interface GitState {
  commit: string;
  dirty: boolean;
}

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: 1 << 20 }, (err, stdout) =>
      resolve(err ? null : stdout.trim()),
    );
  });
}

/** HEAD and the dirty flag of the checkout containing `cwd`; null when there is none. */
export async function gitState(cwd: string = process.cwd()): Promise<GitState | null> {
  const commit = await git(['rev-parse', '--verify', 'HEAD'], cwd);
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return null;
  // Untracked files (out/, caches) do not change what was measured; tracked edits do.
  const status = await git(['status', '--porcelain', '--untracked-files=no'], cwd);
  return { commit, dirty: status === null ? true : status.length > 0 };
}
