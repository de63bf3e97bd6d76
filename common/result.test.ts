import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fail, formatZodError, ok, type Result } from './result';

describe('Result', () => {
  it('carries a value or a coded failure', () => {
    const good: Result<number, 'nope'> = ok(3);
    const bad: Result<number, 'nope'> = fail('nope', 'no', { field: 'x' });
    expect(good).toEqual({ ok: true, value: 3 });
    expect(bad).toEqual({
      ok: false,
      error: { code: 'nope', message: 'no', details: { field: 'x' } },
    });
    expect(fail('nope', 'no')).toEqual({ ok: false, error: { code: 'nope', message: 'no' } });
  });
});

describe('formatZodError', () => {
  it('names every failing path on one line', () => {
    const schema = z.object({ a: z.number(), b: z.object({ c: z.string() }) });
    const parsed = schema.safeParse({ a: 'x', b: { c: 1 } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const text = formatZodError(parsed.error);
    expect(text).not.toContain('\n');
    expect(text).toMatch(/at a/);
    expect(text).toMatch(/at b\.c/);
  });
});
