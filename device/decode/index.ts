/**
 * The one barcode / tag / card decoder shared by every input path. `decode` is pure and never
 * throws; see decode.ts for the order of recognition and docs/decoding.md for the formats.
 */
export { decode } from './decode';
export { isMemberBin, memberBinPattern } from './card';
export { decodeErrorCodes, decodeResultSchema } from './result';
export type { DecodeErrorCode, DecodeOptions, DecodeResult, DecodeSuccess } from './result';
