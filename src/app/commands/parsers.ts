import { fail, ok, type Result } from '../../core/errors.ts';

/** Turns a member's text for one option into a typed value, or a friendly error naming the field. */
export type Parser<T> = (input: string, field: string) => Result<T>;

/** Free text with a length limit; `what` completes "write …" in the error for an empty value. */
export const text =
  (max: number, what: string): Parser<string> =>
  (input, field) => {
    const value = input.trim();
    if (value === '') return fail(field, 'required', `${field} is empty; write ${what}.`);
    if (value.length > max)
      return fail(field, 'invalid', `${field} is ${value.length} characters long; keep it under ${max}.`);
    return ok(value);
  };
