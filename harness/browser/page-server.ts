/**
 * The job's local HTTP server (node:http on 127.0.0.1, an ephemeral port): the page, its bundle,
 * onnxruntime-web's browser build and wasm files, tfjs-backend-wasm's wasm files and the model.
 * Every response carries COOP `same-origin` and COEP `require-corp` (plus CORP), so the page is
 * cross-origin isolated: SharedArrayBuffer and wasm threads work. Paths are confined to their
 * folders; anything else is a 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

const PAGE_HTML =
  '<!doctype html><meta charset="utf-8"><title>mlbench browser host</title><script type="module" src="/bundle/page-entry.js"></script>\n';

/** The folder holding a package's browser files (its main entry's folder). */
function packageDist(name: string): string {
  return path.dirname(require.resolve(name));
}

export interface PageServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

/** Starts the server: `bundleDir` from ensurePageBundle, `model` the ONNX bytes served at /model.onnx. */
export async function startPageServer(opts: { bundleDir: string; model: Uint8Array }): Promise<PageServer> {
  const folders: Record<string, string> = {
    '/bundle/': opts.bundleDir,
    '/ort/': packageDist('onnxruntime-web'),
    '/tfjs-wasm/': packageDist('@tensorflow/tfjs-backend-wasm'),
  };
  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
    res.writeHead(status, {
      ...ISOLATION_HEADERS,
      'Content-Type': type,
      'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, TYPES['.html']!, PAGE_HTML);
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/model.onnx') return send(res, 200, 'application/octet-stream', opts.model);
    for (const [prefix, dir] of Object.entries(folders)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, {
        ...ISOLATION_HEADERS,
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': statSync(file).size,
      });
      createReadStream(file).pipe(res);
      return;
    }
    send(res, 404, 'text/plain', `not found: ${url.pathname}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
