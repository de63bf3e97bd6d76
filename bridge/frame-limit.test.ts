import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxPhotoBase64Chars } from './areas/mirror';
import { methodNames, methods } from './contract';
import { maxCallFrameBytes, maxFrameBytes, maxJsonBytes } from './frame-limit';

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('the transport limit follows from the contract', () => {
  it('bounds every method’s parameters (strict objects, strings and arrays with a max)', () => {
    const unbounded = methodNames.filter((m) => !Number.isFinite(maxJsonBytes(methods[m].input)));
    expect(unbounded).toEqual([]);
  });

  it('is the largest call a renderer can make: a try-on photo of the largest size', () => {
    expect(maxFrameBytes).toBe(maxCallFrameBytes('mirror.photo'));
    const photo = { imageBase64: 'A'.repeat(maxPhotoBase64Chars) };
    expect(methods['mirror.photo'].input.safeParse(photo).success).toBe(true);
    const frame = { t: 'call', id: Number.MAX_SAFE_INTEGER, m: 'mirror.photo', p: photo };
    expect(jsonBytes(frame)).toBe(maxFrameBytes);
    // ~1.4 MB: far below the 4 MB the photo used to allow, far above any other call.
    expect(maxFrameBytes).toBeLessThan(1.5e6);
  });
});

describe('maxJsonBytes', () => {
  it('bounds strings at 6 bytes a code unit (control characters are escaped), base64 at 1', () => {
    expect(maxJsonBytes(z.string().max(3))).toBe(2 + 18);
    expect(jsonBytes('\u0000\u0001\u0002')).toBe(2 + 18);
    expect(maxJsonBytes(z.base64().max(8))).toBe(10);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(jsonBytes(text)).toBeLessThanOrEqual(maxJsonBytes(z.string().max(40)));
      }),
    );
  });

  it('treats what could take any size as unbounded', () => {
    expect(maxJsonBytes(z.string())).toBe(Infinity);
    expect(maxJsonBytes(z.string().regex(/^\d{4}$/))).toBe(Infinity);
    // Trimmed before its length is checked: any amount of padding passes.
    expect(maxJsonBytes(z.string().trim().max(5))).toBe(Infinity);
    expect(
      z
        .string()
        .trim()
        .max(5)
        .safeParse(`${' '.repeat(1000)}x`).success,
    ).toBe(true);
    expect(maxJsonBytes(z.string().max(5).trim())).toBe(2 + 30);
    // Not strict: extra keys of any size are accepted (and stripped).
    expect(maxJsonBytes(z.object({ a: z.boolean() }))).toBe(Infinity);
    expect(maxJsonBytes(z.array(z.boolean()))).toBe(Infinity);
    expect(maxJsonBytes(z.unknown())).toBe(Infinity);
  });

  it('adds up objects, arrays, numbers, enums, literals, nullables and defaults', () => {
    const schema = z
      .object({
        n: z.number().int().min(-5).max(100),
        e: z.enum(['a', 'long-one']),
        t: z.literal(true),
        x: z.number(),
        maybe: z.boolean().nullable().default(null),
        list: z.array(z.number().int().min(0).max(9)).max(3),
        opt: z.string().max(1).optional(),
      })
      .strict();
    const worst = {
      n: 100,
      e: 'long-one',
      t: true,
      x: -2.2250738585072014e-308,
      maybe: false,
      list: [9, 9, 9],
      opt: '\u0000',
    };
    expect(schema.safeParse(worst).success).toBe(true);
    expect(maxJsonBytes(schema)).toBe(jsonBytes(worst));
  });
});
