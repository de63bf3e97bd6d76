/**
 * fast-check arbitraries generated from the protocol's zod schemas, for the push property test.
 * Every field is drawn mostly from inside its schema — edges included: the bounds, the longest
 * string, any Unicode (lone surrogates too), the first and last allowed years — and sometimes from
 * outside it: one past each bound, huge strings, U+0000, year 0000 and 9999, wrong types. Values a
 * schema accepts must be values the database stores; the others must come back `invalid-args`.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** Field names whose good values come from the demo store, so mutations reach the handlers. */
export type Pools = Record<string, readonly unknown[]>;

const anyUnicode = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'Z', '9', ' ', '字', '😀', '\u200b', '\u00e9'),
    fc.integer({ min: 1, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 30,
});

const HOSTILE_STRINGS = [
  '',
  '\u0000',
  `a\u0000b`,
  'x'.repeat(100_000),
  '\ud800',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  "'; DROP TABLE members; --",
];
const HOSTILE_NUMBERS = [
  3_000_000_000,
  -3_000_000_000,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -1,
  0,
  1.5,
  1e308,
];
const HOSTILE_ANY = [null, true, 'str', 12, [], {}, [1, 2]];

type Schema = z.core.$ZodType;

function checkDefs(schema: Schema): Record<string, unknown>[] {
  return (schema._zod.def.checks ?? []).map((c): Record<string, unknown> => ({ ...c._zod.def }));
}

function lengths(schema: Schema): { min: number; max: number } {
  let min = 0;
  let max = 50;
  for (const c of checkDefs(schema)) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = c.minimum;
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = c.maximum;
  }
  return { min, max };
}

function patternOf(schema: Schema): RegExp | null {
  for (const c of checkDefs(schema))
    if (c.pattern instanceof RegExp && !c.pattern.source.includes('\\u0000')) return c.pattern;
  return null;
}

const years = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2199-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** Inside the schema: ISO instants from 1970 to 2199, with fractions and offsets at the edges. */
const instant = fc.oneof(
  years.map((d) => d.toISOString()),
  years.map((d) => d.toISOString().replace('.000Z', '.123456789+14:00')),
  fc.constantFrom('1970-01-01T00:00:00Z', '2199-12-31T23:59:59Z', '2024-02-29T12:00:00-12:00'),
);

function goodString(schema: Schema): fc.Arbitrary<string> {
  if (schema instanceof z.ZodISODateTime) return instant;
  const { min, max } = lengths(schema);
  const pattern = patternOf(schema);
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= max);
  const longest = fc.constantFrom('字'.repeat(max), `${'😀'.repeat(Math.floor(max / 2))}`);
  return fc.oneof(
    { weight: 6, arbitrary: anyUnicode.filter((s) => s.length >= min && s.length <= max) },
    { weight: 1, arbitrary: longest.filter((s) => s.length >= min) },
  );
}

function goodNumber(schema: z.ZodNumber): fc.Arbitrary<number> {
  const min = Math.max(schema.minValue ?? -(2 ** 31), Number.MIN_SAFE_INTEGER);
  const max = Math.min(schema.maxValue ?? 2 ** 31 - 1, Number.MAX_SAFE_INTEGER);
  return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
}

function hostile(schema: Schema): fc.Arbitrary<unknown> {
  const beyond: unknown[] = [];
  if (schema instanceof z.ZodNumber) {
    if (schema.minValue !== null) beyond.push(schema.minValue - 1);
    if (schema.maxValue !== null) beyond.push(schema.maxValue + 1);
  }
  const { max } = lengths(schema);
  if (schema instanceof z.ZodString || schema instanceof z.ZodArray)
    beyond.push('x'.repeat(max + 1));
  return fc.constantFrom(...beyond, ...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, ...HOSTILE_ANY);
}

/** Mostly valid values of `schema` (the field `name` drawn from `pools` when it has one). */
export function arbitraryFor(schema: Schema, pools: Pools, name = ''): fc.Arbitrary<unknown> {
  const good = goodFor(schema, pools, name);
  return fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: hostile(schema) });
}

function goodFor(schema: Schema, pools: Pools, name: string): fc.Arbitrary<unknown> {
  const pool = pools[name];
  if (pool && pool.length > 0) return fc.oneof(fc.constantFrom(...pool), goodBare(schema, pools));
  return goodBare(schema, pools);
}

function goodBare(schema: Schema, pools: Pools): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodNullable)
    return fc.oneof(fc.constant(null), goodBare(schema.unwrap(), pools));
  if (schema instanceof z.ZodOptional)
    return fc.oneof(fc.constant(undefined), goodBare(schema.unwrap(), pools));
  if (schema instanceof z.ZodObject) {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, field] of Object.entries(schema.shape))
      fields[key] = arbitraryFor(field, pools, key);
    return fc.record(fields);
  }
  if (schema instanceof z.ZodArray) {
    const { min, max } = lengths(schema);
    const element = arbitraryFor(schema.element, pools);
    return fc.array(element, { minLength: min, maxLength: Math.min(max, Math.max(min, 4)) });
  }
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...schema.options);
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  if (schema instanceof z.ZodNumber) return goodNumber(schema);
  if (schema instanceof z.ZodString || schema instanceof z.ZodISODateTime)
    return goodString(schema);
  // z.json() (a lazy union) and anything else: any JSON, sometimes big or with U+0000 inside
  return fc.oneof(
    { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ k: 'x'.repeat(5000) }, { 'a\u0000': 1 }, ['\u0000']),
    },
  );
}
