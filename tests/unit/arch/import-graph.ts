/**
 * The project's import graph and its layering rules, read from the sources with TypeScript's own
 * pre-processor (static, re-export and dynamic `import()` specifiers alike). The rules are the
 * layers of the architecture: a forbidden edge means a lower layer knows a higher one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import: `from` and `to` are repository-relative paths (`to` is a bare name for packages). */
export interface ImportEdge {
  from: string;
  to: string;
}

export const SOURCE_DIRS = ['harness', 'datasets', 'results', 'reports', 'suites', 'bench'];

/** Node built-ins that do I/O; the measuring core may reach none of them, even through a project module. */
const IO_BUILTINS = new Set([
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'worker_threads',
  'cluster',
  'readline',
  'tls',
]);

export function isIoModule(to: string): boolean {
  return IO_BUILTINS.has(to.replace(/^node:/, ''));
}

/** Every edge of the `.ts` files under `dirs` of `root`; relative specifiers resolve to `.ts` paths. */
export function readImportGraph(root: string, dirs: string[] = SOURCE_DIRS): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
        edges.push(...importsOf(rel, readFileSync(path.join(root, rel), 'utf8')));
    }
  };
  for (const d of dirs) walk(d);
  return edges;
}

/** The edges of one source file. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => ({
    from: file,
    to: fileName.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)).replace(/\.js$/, '.ts')
      : fileName,
  }));
}

interface Rule {
  name: string;
  forbids(edge: ImportEdge): boolean;
}

const under = (p: string, dir: string): boolean => p.startsWith(`${dir}/`);

export const RULES: Rule[] = [
  { name: 'results/ -> reports/', forbids: (e) => under(e.from, 'results') && under(e.to, 'reports') },
  {
    name: 'reports/ -> results/ other than results/index.ts',
    forbids: (e) => under(e.from, 'reports') && under(e.to, 'results') && e.to !== 'results/index.ts',
  },
  { name: 'datasets/ -> results/', forbids: (e) => under(e.from, 'datasets') && under(e.to, 'results') },
  {
    name: 'harness/models/ -> harness/runtimes/',
    forbids: (e) => under(e.from, 'harness/models') && under(e.to, 'harness/runtimes'),
  },
  {
    name: 'harness/runtimes/ -> harness/models/',
    forbids: (e) => under(e.from, 'harness/runtimes') && under(e.to, 'harness/models'),
  },
  {
    name: 'reports/ -> harness/runtimes/',
    forbids: (e) => under(e.from, 'reports') && under(e.to, 'harness/runtimes'),
  },
  // Suites declare workloads; the CLI runs them (a suite reaching the CLI inverts the layers).
  { name: 'suites/ -> harness/cli/', forbids: (e) => under(e.from, 'suites') && under(e.to, 'harness/cli') },
  // Results read and judge result files; how jobs are trained or planned is not theirs to know.
  {
    name: 'results/ -> harness/train/ or harness/plan/',
    forbids: (e) => under(e.from, 'results') && (under(e.to, 'harness/train') || under(e.to, 'harness/plan')),
  },
  // Runtimes execute models; training builds on them, never the reverse.
  {
    name: 'harness/runtimes/ -> harness/train/',
    forbids: (e) => under(e.from, 'harness/runtimes') && under(e.to, 'harness/train'),
  },
];

/**
 * Edges that break a rule; `allow` lists `from -> to` pairs accepted for now. The measuring core's
 * rule is transitive: harness/measure may not reach an I/O built-in through any project module.
 */
export function violations(edges: ImportEdge[], allow: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (allow.has(`${e.from} -> ${e.to}`)) continue;
    for (const r of RULES) if (r.forbids(e)) out.push(`${r.name}: ${e.from} -> ${e.to}`);
  }
  const byFile = new Map<string, string[]>();
  for (const e of edges) byFile.set(e.from, [...(byFile.get(e.from) ?? []), e.to]);
  for (const start of byFile.keys()) {
    if (!under(start, 'harness/measure')) continue;
    const seen = new Set<string>([start]);
    const queue: string[][] = [[start]];
    while (queue.length) {
      const chain = queue.shift()!;
      for (const to of byFile.get(chain[chain.length - 1]!) ?? []) {
        if (isIoModule(to)) out.push(`harness/measure -> I/O: ${[...chain, to].join(' -> ')}`);
        else if (byFile.has(to) && !seen.has(to)) {
          seen.add(to);
          queue.push([...chain, to]);
        }
      }
    }
  }
  return out;
}
