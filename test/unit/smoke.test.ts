import { describe, expect, it } from 'vitest';
import { ok, fail } from '../../src/core/errors.ts';

describe('result helpers', () => {
  it('wraps values and failures', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(fail('isbn', 'invalid', 'bad')).toEqual({ ok: false, error: { field: 'isbn', code: 'invalid', message: 'bad' } });
  });
});
