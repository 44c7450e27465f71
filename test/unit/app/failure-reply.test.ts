import { describe, expect, it } from 'vitest';
import { reportFailure } from '../../../src/app/failure-reply.ts';

describe('the one failure reply', () => {
  it('logs the error under a short reference and names the same reference to the member', () => {
    const logged: { obj: Record<string, unknown>; msg: string }[] = [];
    const logger = {
      error: (obj: object, msg: string) => void logged.push({ obj: obj as Record<string, unknown>, msg }),
    };
    const error = new Error('database went away');
    const answer = reportFailure(logger, 'button press failed', { err: error, command: '/preorder status' });
    expect(logged).toHaveLength(1);
    const { obj, msg } = logged[0]!;
    expect(msg).toBe('button press failed');
    expect(obj.err).toBe(error);
    expect(obj.command).toBe('/preorder status');
    expect(obj.ref).toMatch(/^[0-9a-f]{8}$/);
    expect(answer.tone).toBe('error');
    expect(answer.title).toBe('Something went wrong on my side');
    expect(answer.fallback).toContain(`(reference ${String(obj.ref)})`);
    // A failure can come after a change was saved, so the member is not told nothing changed.
    expect(answer.fallback).not.toMatch(/nothing changed/);
    expect(answer.fallback).toMatch(/check whether it took effect/);
  });

  it('gives each failure its own reference', () => {
    const refs = new Set<unknown>();
    const logger = { error: (obj: object) => void refs.add((obj as { ref: unknown }).ref) };
    for (let i = 0; i < 5; i++) reportFailure(logger, 'failed', { err: new Error('x') });
    expect(refs.size).toBe(5);
  });
});
