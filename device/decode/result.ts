/**
 * The decoder's output: one discriminated union, its closed list of error codes, and a zod schema
 * (`decodeResultSchema`) that every value `decode` returns satisfies. The schema is strict so a
 * stray field (for example a bank card's full number) fails validation in tests.
 */
import { z } from 'zod';

/** Every error code `decode` can return. Closed: callers may switch on it exhaustively. */
export const decodeErrorCodes = [
  'empty',
  'too-long',
  'unknown-format',
  'bad-character',
  'bad-length',
  'bad-check-digit',
  'bad-ai',
  'bad-date',
  'truncated',
  'bad-uri',
  'bad-epc',
  'unsupported-epc',
  'bad-card',
] as const;

export type DecodeErrorCode = (typeof decodeErrorCodes)[number];

export interface DecodeOptions {
  /**
   * Leading digits of our own member cards' PAN (6 to 8 digits); a card not starting with it is a
   * bank card. Default '628000'; any other form makes every card a bank card.
   */
  memberBin?: string;
  /** AIM symbology identifier (e.g. ']E0') from a transport that strips it from the data. */
  symbologyHint?: string;
}

export interface DecodeError {
  ok: false;
  error: { code: DecodeErrorCode; message: string };
}

/** A GTIN-carrying linear symbol: EAN-8/13, UPC-A/E, ITF-14 or a bare GTIN-14. `gtin` is always 14 digits. */
export interface GtinResult {
  ok: true;
  kind: 'gtin';
  symbology: string;
  gtin: string;
  /** EAN-2/EAN-5 supplement read together with the main symbol (AIM ]E3). */
  addOn?: string;
}

/** An EAN-2/EAN-5 supplement transmitted on its own (AIM ]E1/]E2). */
export interface AddOnResult {
  ok: true;
  kind: 'add-on';
  symbology: 'EAN-2' | 'EAN-5';
  addOn: string;
}

/** A GS1 element string; `ais` maps each AI to its value exactly as encoded. */
export interface Gs1Result {
  ok: true;
  kind: 'gs1';
  symbology: string;
  gtin?: string;
  ais: Record<string, string>;
}

export interface DigitalLinkResult {
  ok: true;
  kind: 'digital-link';
  symbology?: string;
  gtin?: string;
  ais: Record<string, string>;
}

export interface EpcResult {
  ok: true;
  kind: 'epc';
  scheme: 'sgtin-96' | 'sgtin-198';
  filter: number;
  gtin: string;
  serial: string;
  /** Pure-identity URI, serial escaped as the EPC Tag Data Standard requires. */
  uri: string;
}

export interface MemberResult {
  ok: true;
  kind: 'member';
  token: string;
}

export interface StaffBadgeResult {
  ok: true;
  kind: 'staff-badge';
  badge: string;
}

export interface PaymentCodeResult {
  ok: true;
  kind: 'payment-code';
  provider: 'wechat' | 'alipay';
  code: string;
}

/** One of our member cards: the full number is ours to use. */
export interface MemberCardResult {
  ok: true;
  kind: 'card';
  track: 1 | 2;
  member: true;
  number: string;
  expiry: string;
}

/** A bank card: only the masked number (first 6, last 4) ever leaves the decoder. */
export interface BankCardResult {
  ok: true;
  kind: 'card';
  track: 1 | 2;
  member: false;
  maskedNumber: string;
}

export type DecodeSuccess =
  | GtinResult
  | AddOnResult
  | Gs1Result
  | DigitalLinkResult
  | EpcResult
  | MemberResult
  | StaffBadgeResult
  | PaymentCodeResult
  | MemberCardResult
  | BankCardResult;

export type DecodeResult = DecodeSuccess | DecodeError;

/** Builds a rejection. Messages are fixed English text and never contain the scanned data. */
export function fail(code: DecodeErrorCode, message: string): DecodeError {
  return { ok: false, error: { code, message } };
}

const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`));
const gtin14 = digits(14);
const aiMap = z.record(z.string().regex(/^\d{2,4}$/), z.string());

export const decodeResultSchema = z.union([
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('gtin'),
    symbology: z.string().min(1),
    gtin: gtin14,
    addOn: z
      .string()
      .regex(/^(\d{2}|\d{5})$/)
      .optional(),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('add-on'),
    symbology: z.enum(['EAN-2', 'EAN-5']),
    addOn: z.string().regex(/^(\d{2}|\d{5})$/),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('gs1'),
    symbology: z.string().min(1),
    gtin: gtin14.optional(),
    ais: aiMap,
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('digital-link'),
    symbology: z.string().min(1).optional(),
    gtin: gtin14.optional(),
    ais: aiMap,
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('epc'),
    scheme: z.enum(['sgtin-96', 'sgtin-198']),
    filter: z.number().int().min(0).max(7),
    gtin: gtin14,
    serial: z.string(),
    uri: z.string().startsWith('urn:epc:id:sgtin:'),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('member'),
    token: z.string().regex(/^MBR1\.[0-9A-Z]{20}$/),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('staff-badge'),
    badge: z.string().regex(/^BADGE-\d{4,8}$/),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('payment-code'),
    provider: z.enum(['wechat', 'alipay']),
    code: digits(18),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('card'),
    track: z.union([z.literal(1), z.literal(2)]),
    member: z.literal(true),
    number: z.string().regex(/^\d{12,19}$/),
    expiry: digits(4),
  }),
  z.strictObject({
    ok: z.literal(true),
    kind: z.literal('card'),
    track: z.union([z.literal(1), z.literal(2)]),
    member: z.literal(false),
    maskedNumber: z.string().regex(/^\d{6}\*{2,9}\d{4}$/),
  }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: z.enum(decodeErrorCodes), message: z.string().min(1) }),
  }),
]);
