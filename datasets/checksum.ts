/** Content checksums of in-memory datasets: `sha256:<hex>` over the raw bytes of typed arrays. */
import { createHash } from 'node:crypto';

type Bytes = { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };

/** sha256 over the bytes of `arrays`, in order. */
export function arraysChecksum(...arrays: Bytes[]): string {
  const h = createHash('sha256');
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return `sha256:${h.digest('hex')}`;
}
