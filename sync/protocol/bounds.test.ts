import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BoundedJsonSchema, InstantSchema, INT4_MAX, int, MonthDaySchema, text } from './bounds';
import { MUTATIONS } from './mutations';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('protocol bounds', () => {
  it('text: bounded, without U+0000 or a lone surrogate, emoji welcome', () => {
    const t = text(1, 5);
    expect(ok(t, '字😀')).toBe(true);
    expect([
      ok(t, ''),
      ok(t, 'abcdef'),
      ok(t, 'a\u0000'),
      ok(t, '\ud800'),
      ok(t, 'a\udc00'),
    ]).toEqual([false, false, false, false, false]);
  });

  it('numbers within int4, instants within 1970..2199, birthdays real month-days', () => {
    expect([ok(int(1, INT4_MAX), INT4_MAX), ok(int(1, INT4_MAX), INT4_MAX + 1)]).toEqual([
      true,
      false,
    ]);
    expect(ok(int(0, Number.MAX_SAFE_INTEGER), 2 ** 40)).toBe(false);
    expect(ok(InstantSchema, '2026-11-20T10:00:00+08:00')).toBe(true);
    expect(ok(InstantSchema, '1970-01-01T00:00:00Z')).toBe(true);
    for (const bad of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z'])
      expect(ok(InstantSchema, bad)).toBe(false);
    expect([
      ok(MonthDaySchema, '02-29'),
      ok(MonthDaySchema, '13-01'),
      ok(MonthDaySchema, '00-10'),
    ]).toEqual([true, false, false]);
  });

  it('JSON values: small, every string and key storable', () => {
    expect(ok(BoundedJsonSchema, { size: 'M', fits: ['slim', 1, null] })).toBe(true);
    expect(ok(BoundedJsonSchema, 'x'.repeat(5000))).toBe(false);
    expect(ok(BoundedJsonSchema, { 'a\u0000': 1 })).toBe(false);
    expect(ok(BoundedJsonSchema, ['\udc00'])).toBe(false);
  });

  it('bounds every number of every mutation (no unbounded integer left)', () => {
    const unbounded: string[] = [];
    const visit = (schema: z.core.$ZodType, path: string) => {
      if (schema instanceof z.ZodNumber && (schema.maxValue ?? Infinity) > INT4_MAX)
        unbounded.push(path);
      if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional)
        visit(schema.unwrap(), path);
      if (schema instanceof z.ZodArray) visit(schema.element, `${path}[]`);
      if (schema instanceof z.ZodObject)
        for (const [key, field] of Object.entries(schema.shape)) visit(field, `${path}.${key}`);
    };
    for (const [name, versions] of Object.entries(MUTATIONS))
      for (const [version, schema] of Object.entries(versions)) visit(schema, `${name}@${version}`);
    expect(unbounded).toEqual([]);
  });
});
