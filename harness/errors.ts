/**
 * Typed errors with stable codes. Every error that reaches the user names the flag, value or file
 * at fault and, where there are any, the valid choices. harness/cli/main.ts is the one place that
 * turns them into an exit code.
 */

/** Exit codes of the mlbench CLI (documented in the README). */
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
