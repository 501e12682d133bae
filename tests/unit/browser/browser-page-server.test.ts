/** The page server: cross-origin isolation headers on every response, files confined to their folders. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../../../harness/browser/page-server.js';

let server: PageServer;

beforeAll(async () => {
  const bundleDir = await mkdtemp(path.join(os.tmpdir(), 'mlbench-bundle-'));
  await writeFile(path.join(bundleDir, 'page-entry.js'), 'export {};\n');
  server = await startPageServer({ bundleDir, model: new Uint8Array([8, 7, 1]) });
});

afterAll(() => server.close());

describe('browser page server', () => {
  it('listens on 127.0.0.1 and sends COOP/COEP on the page, the bundle, wasm files and the model', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const [route, type] of [
      ['', 'text/html'],
      ['bundle/page-entry.js', 'text/javascript'],
      ['ort/ort-wasm-simd-threaded.wasm', 'application/wasm'],
      ['tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm', 'application/wasm'],
      ['model.onnx', 'application/octet-stream'],
    ]) {
      const res = await fetch(server.url + route!);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('content-type')).toContain(type);
      await res.arrayBuffer();
    }
    expect(new Uint8Array(await (await fetch(`${server.url}model.onnx`)).arrayBuffer())).toEqual(
      new Uint8Array([8, 7, 1]),
    );
  });

  it('answers 404 outside the served folders (no path traversal)', async () => {
    for (const route of ['bundle/..%2F..%2Fetc%2Fpasswd', 'ort/../../package.json', 'nothing-here']) {
      expect((await fetch(server.url + route)).status, route).toBe(404);
    }
  });
});
