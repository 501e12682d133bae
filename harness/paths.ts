/**
 * Where mlbench's own files are, whether it runs from dist/ (the CLI) or from source (tests), and
 * the tool's name and version as recorded in every result file (read from package.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'mlbench') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the mlbench package root');
    dir = parent;
  }
}

/** The package root (where package.json is). */
export const PROJECT_ROOT = findRoot();

/** The compiled tree: child processes always run compiled JavaScript from here. */
export const DIST_ROOT = path.join(PROJECT_ROOT, 'dist');

/** Default output folder for results, reports and caches (git-ignored). */
export const DEFAULT_OUT_DIR = 'out';

export const TOOL_NAME = 'mlbench';
export const TOOL_VERSION: string = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
