import type { FieldError, Result } from '../../src/core/errors.ts';

/** The value of a successful Result; fails the test with the error otherwise. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The error of a failed Result; fails the test with the value otherwise. */
export function error<T>(result: Result<T>): FieldError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
}
