import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

/**
 * The offences a source scan finds: every `.ts` file under the given top-level folders of the
 * repository (paths relative to the root, `/`-separated), less those `skip` names, run through
 * `scan`; each offence is `<file>: <what scan found>`. Shared by the tests that guard one home
 * per concept (capabilities as data, the metric catalogue, settings defaults).
 */
export function scanSources(
  dirs: readonly string[],
  scan: (code: string) => string[],
  skip: (rel: string) => boolean = () => false,
): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return files(p);
      return e.name.endsWith('.ts') ? [p] : [];
    });
  return dirs
    .flatMap((d) => files(path.join(ROOT, d)))
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
    .filter((rel) => !skip(rel))
    .flatMap((rel) => scan(readFileSync(path.join(ROOT, rel), 'utf8')).map((o) => `${rel}: ${o}`));
}
