/**
 * Expected failures are data, not exceptions: every validator returns a Result, and a failure
 * names the member-facing field and says what would be valid. Adapters render them in one place.
 */
export type ErrorCode = 'invalid' | 'required' | 'ambiguous' | 'not-found' | 'forbidden' | 'conflict' | 'unsupported';

export interface FieldError {
  /** Stable code for programs and tests. */
  code: ErrorCode;
  /** The option or argument the member typed, e.g. `isbn`, `release`, `timezone`. */
  field: string;
  /** One or two friendly sentences in our own words: what is wrong and what would be valid. */
  message: string;
  /** Optional choices to offer back (e.g. both readings of an ambiguous date, close topics). */
  choices?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: FieldError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (field: string, code: ErrorCode, message: string, choices?: string[]): Result<never> => ({
  ok: false,
  error: choices ? { field, code, message, choices } : { field, code, message },
});

/** Thrown by services when a FieldError must abort a use case; caught and rendered by dispatch. */
export class UserError extends Error {
  readonly error: FieldError;
  constructor(error: FieldError) {
    super(error.message);
    this.name = 'UserError';
    this.error = error;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new UserError(result.error);
  return result.value;
}
