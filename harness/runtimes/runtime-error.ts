/**
 * Errors a runtime raises while loading or running a model (an EP that will not load, an op a
 * runtime lacks). They carry the stable code E_RUNTIME so the job records `failed` with the
 * runtime's own message, and the other jobs go on.
 */
import type { ErrorCode } from '../errors.js';

export class RuntimeError extends Error {
  readonly code: ErrorCode = 'E_RUNTIME';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
  }
}
