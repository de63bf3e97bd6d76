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
