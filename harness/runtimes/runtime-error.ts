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

/**
 * The meaningful part of a runtime's error message, for a terminal line or a table cell: the
 * first line, without onnxruntime's wrapper ("Can't create a session. ERROR_CODE: 1,
 * ERROR_MESSAGE:", "[ONNXRuntimeError] : 1 : FAIL :") and without the C++ source location and
 * function signature it prefixes its reason with (`/onnxruntime_src/.../model.cc:202
 * onnxruntime::Model::Model(...) Unsupported model IR version: 99`). The full text stays in the
 * result file and is printed with -v.
 */
export function readableRuntimeMessage(message: string): string {
  let text = message.replace(/Can't create a session\.\s*ERROR_CODE:\s*\d+,\s*ERROR_MESSAGE:\s*/g, '')
    .replace(/\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*[A-Z_]+\s*:\s*/g, '');
  // A source location, then a C++ signature up to its balanced closing parenthesis.
  for (let m = /\S+\.(?:cc|cpp|h):\d+\s+/.exec(text); m; m = /\S+\.(?:cc|cpp|h):\d+\s+/.exec(text)) {
    let end = m.index + m[0].length;
    const sig = /^[\w:<>~]+(?:::[\w<>~]+)*\(/.exec(text.slice(end));
    if (sig) {
      let depth = 0;
      let i = end + sig[0].length - 1;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      end = Math.min(text.length, i + 1);
    }
    text = text.slice(0, m.index) + text.slice(end).replace(/^\s*(?:\S+ was false\.\s*)?/, '');
  }
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').replace(/\s+/g, ' ').trim();
}
