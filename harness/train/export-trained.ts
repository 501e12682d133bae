/**
 * Writes a trained model as a `{kind: 'trained', path}` file: the architecture description with
 * every weight explicit (the model zoo's withExplicitWeights), named by the hash of its content,
 * under the models folder (setting `train.modelsDir`, default out/models). Any runtime then
 * builds it with buildModel, which exports ONNX through the zoo's one writer.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedArch } from '../arch.js';
import { withExplicitWeights } from '../models/weights.js';

/** Writes the model atomically; returns its path and content hash. */
export async function writeTrainedModel(
  arch: ResolvedArch,
  modelsDir: string,
  meta: Record<string, unknown>,
): Promise<{ path: string; sha256: string }> {
  const description = withExplicitWeights(arch);
  const text = JSON.stringify({ ...description, meta: { ...(description.meta ?? {}), ...meta } });
  const sha256 = createHash('sha256').update(text).digest('hex');
  await mkdir(modelsDir, { recursive: true });
  const file = path.join(modelsDir, `${sha256.slice(0, 16)}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
  return { path: file, sha256: `sha256:${sha256}` };
}
