/** Field schemas shared by the import specs: strict, with messages a person can act on. */
import { z } from 'zod';
import { gs1CheckDigitValid } from '../catalog/gtin';

export const id = z.string().trim().min(1, 'is empty').max(64, 'is longer than 64 characters');
export const text = z.string().trim().min(1, 'is empty').max(200, 'is longer than 200 characters');
export const cents = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a whole number of fen (cents), e.g. 39900')
  .transform(Number);
export const count = z
  .string()
  .regex(/^-?\d{1,9}$/, 'must be a whole number')
  .transform(Number);
export const gtin = z
  .string()
  .trim()
  .regex(/^(\d{8}|\d{12}|\d{13}|\d{14})$/, 'must be a GTIN of 8, 12, 13 or 14 digits')
  .refine(gs1CheckDigitValid, 'has a wrong check digit')
  .transform((value) => value.padStart(14, '0'));
/** A 0/1 flag, as the member system exports booleans. */
export const flag = z.enum(['0', '1'], { message: 'must be 0 or 1' }).transform((v) => Number(v));
/** A calendar date 'YYYY-MM-DD'. */
export const date = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD');
/** An ISO-8601 date-time with seconds optional and an explicit offset, e.g. 2026-03-01T10:27:00+08:00. */
export const timestamp = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be a date-time with offset, e.g. 2026-03-01T10:27:00+08:00',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date-time');
/** An optional id: empty means none (null). */
export const optionalId = z
  .string()
  .trim()
  .max(64, 'is longer than 64 characters')
  .transform((value) => (value === '' ? null : value));
/** A whole number ≥ 0 (points, counts). */
export const natural = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a whole number ≥ 0')
  .transform(Number);
