/**
 * The WebSocket transport's frame limit, derived from the contract: the largest call frame the
 * renderer can send is the envelope plus the largest parameter object any method accepts. A larger
 * frame cannot be a valid call, so the transport refuses it unread (close 1009).
 *
 * `maxJsonBytes` bounds the UTF-8 size of `JSON.stringify(value)` for every value a schema accepts.
 * Only shapes with a bound count: a string or array without `max`, an object that is not strict
 * (it would take any extra key), a string trimmed before its length is checked, `unknown` — each is
 * unbounded (Infinity), and the contract's tests require every method's input to be bounded.
 */
import { z } from 'zod';
import { methodNames, methods, type MethodName } from './contract';

/** JSON.stringify writes at most 6 bytes per UTF-16 code unit (`\u0000`; a pair is 4 bytes). */
const worstBytesPerCodeUnit = 6;
/** The longest JSON number: '-2.2250738585072014e-308'. */
const longestNumber = 24;

function stringBound(schema: z.ZodString | z.ZodStringFormat): number {
  const max = schema.maxLength;
  if (max === null) return Infinity;
  // A check that rewrites the value (trim, lower-case) before `max` lets a longer raw value pass.
  for (const check of schema.def.checks ?? []) {
    const kind = check._zod.def.check;
    if (kind === 'max_length') break;
    if (kind === 'overwrite') return Infinity;
  }
  // base64 text is plain ASCII that JSON never escapes.
  const perUnit = schema.format === 'base64' ? 1 : worstBytesPerCodeUnit;
  return 2 + max * perUnit;
}

function numberBound(schema: z.ZodNumber): number {
  const { minValue, maxValue } = schema;
  if (!schema.isInt || minValue === null || maxValue === null) return longestNumber;
  return Math.max(String(minValue).length, String(maxValue).length);
}

function arrayBound(schema: z.ZodArray<z.core.$ZodType>): number {
  let max = Infinity;
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'max_length' && 'maximum' in def && typeof def.maximum === 'number')
      max = Math.min(max, def.maximum);
  }
  if (max === 0) return 2;
  return 2 + max * (maxJsonBytes(schema.element) + 1) - 1;
}

function objectBound(schema: z.ZodObject): number {
  // Only a strict object refuses extra keys; any other takes (and strips) keys of any size.
  if (!(schema.def.catchall instanceof z.ZodNever)) return Infinity;
  const members = Object.entries(schema.shape).map(
    ([key, value]) => JSON.stringify(key).length + 1 + maxJsonBytes(value),
  );
  return 2 + members.reduce((sum, bytes) => sum + bytes, 0) + Math.max(0, members.length - 1);
}

const longestJson = (values: readonly unknown[]): number =>
  Math.max(...values.map((value) => Buffer.byteLength(JSON.stringify(value) ?? '')));

/** An upper bound of the UTF-8 bytes of any value `schema` accepts, written by JSON.stringify. */
export function maxJsonBytes(schema: z.core.$ZodType): number {
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat)
    return stringBound(schema);
  if (schema instanceof z.ZodNumber) return numberBound(schema);
  if (schema instanceof z.ZodBoolean) return 5;
  if (schema instanceof z.ZodNull) return 4;
  if (schema instanceof z.ZodEnum) return longestJson(schema.options);
  if (schema instanceof z.ZodLiteral) return longestJson([...schema.values]);
  if (schema instanceof z.ZodOptional) return maxJsonBytes(schema.unwrap());
  if (schema instanceof z.ZodDefault) return maxJsonBytes(schema.unwrap());
  if (schema instanceof z.ZodNullable) return Math.max(4, maxJsonBytes(schema.unwrap()));
  if (schema instanceof z.ZodArray) return arrayBound(schema);
  if (schema instanceof z.ZodObject) return objectBound(schema);
  if (schema instanceof z.ZodUnion) return Math.max(...schema.options.map(maxJsonBytes));
  return Infinity;
}

/** The largest frame a call of `method` can take: `{"t":"call","id":<max>,"m":…,"p":<params>}`. */
export function maxCallFrameBytes(method: MethodName): number {
  const envelope = JSON.stringify({ t: 'call', id: Number.MAX_SAFE_INTEGER, m: method, p: 0 });
  return Buffer.byteLength(envelope) - 1 + maxJsonBytes(methods[method].input);
}

/** The transport's limit: the largest call frame of any method. */
export const maxFrameBytes = Math.max(...methodNames.map(maxCallFrameBytes));
