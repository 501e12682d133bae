/**
 * Bundles the page's code (harness/browser/page-entry.js and what it imports: the settings, the
 * scenario runners, the tfjs session and TensorFlow.js itself) with esbuild, from the compiled
 * tree, into `<cacheDir>/browser-page/<hash>/`. The hash covers mlbench's compiled harness and
 * the versions of the bundled packages, so a rebuild or an upgrade bundles again; concurrent jobs
 * build into a temporary folder and rename it into place. No network: everything comes from
 * node_modules, and onnxruntime-web is not bundled (the page imports its own browser build).
 * Node built-ins that harness modules import for their Node-only paths become stubs that throw
 * when called.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DIST_ROOT } from '../paths.js';

const require = createRequire(import.meta.url);
export const PAGE_ENTRY = path.join(DIST_ROOT, 'harness', 'browser', 'page-entry.js');
const BUNDLED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-webgpu',
  'esbuild',
];
/** Imports the page never takes (Node-only runtimes), left as failing imports. */
const EXTERNAL = [
  '/ort/*',
  'onnxruntime-node',
  'onnxruntime-web',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'webgpu',
];

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(require('node:fs').readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'absent';
  }
}

/** The cache key: the compiled harness files and the bundled packages' versions. */
async function bundleHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await jsFiles(path.join(DIST_ROOT, 'harness'))) hash.update(file).update(await readFile(file));
  for (const name of BUNDLED_PACKAGES) hash.update(`${name}@${packageVersion(name)}`);
  return hash.digest('hex').slice(0, 16);
}

/** Builds (or finds) the page bundle; returns its folder, which holds page-entry.js and its chunks. */
export async function ensurePageBundle(cacheDir: string): Promise<string> {
  const dir = path.resolve(cacheDir, 'browser-page', await bundleHash());
  if (existsSync(path.join(dir, 'page-entry.js'))) return dir;
  const esbuild = await import('esbuild');
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(tmp, { recursive: true });
  try {
    await esbuild.build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      format: 'esm',
      splitting: true,
      platform: 'browser',
      target: 'chrome110',
      outdir: tmp,
      external: EXTERNAL,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [
        {
          name: 'node-builtins-stub',
          setup(build) {
            build.onResolve(
              {
                filter:
                  /^node:|^(fs|fs\/promises|path|os|url|module|crypto|child_process|worker_threads|util|perf_hooks)$/,
              },
              (args) => ({ path: args.path, namespace: 'node-stub' }),
            );
            build.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
              contents: `module.exports = new Proxy({}, { get(_, key) { if (key === '__esModule' || typeof key === 'symbol') return undefined; return () => { throw new Error(${JSON.stringify(args.path)} + '.' + String(key) + ' is not available in the browser'); }; } });`,
              loader: 'js',
            }));
          },
        },
      ],
    });
    await rename(tmp, dir).catch(async (err: NodeJS.ErrnoException) => {
      // Another job renamed its identical bundle first.
      if (!existsSync(path.join(dir, 'page-entry.js'))) throw err;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}
