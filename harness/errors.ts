/**
 * Typed errors with stable codes. Every error that reaches the user names the flag, value or file
 * at fault and, where there are any, the valid choices. harness/cli/main.ts is the one place that
 * turns them into an exit code.
 */

/** Exit codes of the mlbench CLI (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The run finished but a job failed (with --fail-on-error) or compare found a regression. */
  failure: 1,
  /** Bad usage or bad input. */
  usage: 2,
  /** Internal error: a bug in mlbench. */
  internal: 3,
} as const;

export type ErrorCode =
  | 'E_USAGE'
  | 'E_UNKNOWN_RUNTIME'
  | 'E_UNKNOWN_SUITE'
  | 'E_BAD_SUITE'
  | 'E_UNKNOWN_SCENARIO'
  | 'E_UNKNOWN_PROFILE'
  | 'E_UNKNOWN_SETTING'
  | 'E_BAD_SETTING'
  | 'E_BAD_FLAG'
  | 'E_NO_JOBS'
  | 'E_RESULT_FILE'
  | 'E_RESULT_VERSION'
  | 'E_BAD_MODEL'
  | 'E_BAD_INPUT'
  | 'E_BAD_DATA'
  | 'E_DATASET'
  | 'E_MACHINE_MISMATCH'
  | 'E_RUNTIME'
  | 'E_TIMEOUT'
  | 'E_CRASH'
  | 'E_OOM'
  | 'E_PARITY'
  | 'E_NONFINITE'
  | 'E_TARGET'
  | 'E_PEER'
  | 'E_SKIPPED'
  | 'E_INTERNAL';

/** An error caused by the user's input: exit code 2. */
export class UsageError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number = EXIT.usage;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

/** A run that finished with a failure the user asked to be told about: exit code 1. */
export class ExitError extends Error {
  readonly code: ErrorCode = 'E_RUNTIME';
  readonly exitCode: number = EXIT.failure;
  constructor(message: string) {
    super(message);
    this.name = 'ExitError';
  }
}

/**
 * Outputs or predictions holding NaN or Inf: a diverged or broken model. The job fails with
 * code E_NONFINITE and a message naming how many of each there were, and where.
 */
export class NonFiniteError extends Error {
  readonly code: ErrorCode = 'E_NONFINITE';
  constructor(where: string, counts: { nan: number; inf: number; total: number }) {
    super(
      `${where}: ${counts.nan} NaN and ${counts.inf} Inf values of ${counts.total}; a fast wrong answer is not a result (check the model's weights and inputs)`,
    );
    this.name = 'NonFiniteError';
  }
}

/** Throws NonFiniteError when `values` hold NaN or +-Inf. */
export function assertFinite(where: string, values: ArrayLike<number | bigint>): void {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'bigint') continue;
    if (Number.isNaN(v)) nan++;
    else if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) inf++;
  }
  if (nan + inf > 0) throw new NonFiniteError(where, { nan, inf, total: values.length });
}

/** Lists choices for an error message: `a, b, c`. */
export function choices(values: readonly string[]): string {
  return values.join(', ');
}

/** `--flag value`: unknown X "v" (valid: a, b). */
export function unknownChoice(code: ErrorCode, flag: string, value: string, valid: readonly string[]): UsageError {
  return new UsageError(code, `${flag}: unknown value "${value}". Valid values: ${choices(valid)}.`);
}

/** The stable code of any thrown value (`E_INTERNAL` for plain errors). */
export function errorCode(err: unknown): ErrorCode {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    if (code.startsWith('E_')) return code as ErrorCode;
  }
  return 'E_INTERNAL';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * An error a runtime raises while loading or running a model (an EP that will not load, an op a
 * runtime lacks). They carry the stable code E_RUNTIME so the job records `failed` with the
 * runtime's own message, and the other jobs go on.
 */
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
  let text = message
    .replace(/Can't create a session\.\s*ERROR_CODE:\s*\d+,\s*ERROR_MESSAGE:\s*/g, '')
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
