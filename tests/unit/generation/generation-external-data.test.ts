/**
 * Models past 2 GiB keep their weights in external data. onnxruntime-web is handed each file's
 * path, never bytes mlbench read: Node's readFile refuses files over 2 GiB (ERR_FS_FILE_TOO_LARGE),
 * and onnxruntime-web reads a path itself, in chunks past that limit.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../harness/models/index.js';
import { externalDataOption } from '../../../harness/runtimes/ort-web.js';
import { createRuntime } from '../../../harness/runtimes/index.js';

const CASE = path.resolve('../shared/cases/onnx/extdata/model.onnx');

describe.skipIf(!existsSync(CASE))('ort-web external data', () => {
  it('passes each external data file by absolute path, under the name the initializers use', async () => {
    const model = await buildModel({ kind: 'file', path: CASE });
    expect(externalDataOption(model)).toEqual({
      externalData: [{ path: 'model.onnx_data', data: path.join(path.dirname(CASE), 'model.onnx_data') }],
    });
    expect(externalDataOption({ ...model, file: undefined })).toEqual({});
  });

  it('ort-web:wasm loads and runs the external-data case from its path', async () => {
    const model = await buildModel({ kind: 'file', path: CASE });
    const { session } = await (await createRuntime('ort-web:wasm')).load(model, {});
    try {
      const feeds = Object.fromEntries(
        model.inputs.map((i) => [
          i.name,
          {
            dtype: i.dtype,
            dims: i.dims.map((d) => (typeof d === 'number' ? d : 1)),
            data: new Float32Array(i.dims.reduce<number>((a, d) => a * (typeof d === 'number' ? d : 1), 1)),
          },
        ]),
      );
      const out = await session.run(feeds as never);
      expect(Object.keys(out)).toEqual(model.outputs.map((o) => o.name));
    } finally {
      await session.dispose();
    }
  }, 30_000);
});
