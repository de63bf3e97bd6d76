/** ESC/POS byte values and small lookup tables shared by the encoder and the decoder. */
export const LF = 0x0a;
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;

export type Align = 'left' | 'center' | 'right';
export const ALIGNS: readonly Align[] = ['left', 'center', 'right'];

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
/** GS ( k fn 169 values 48..51. */
export const QR_EC: readonly QrErrorCorrection[] = ['L', 'M', 'Q', 'H'];

export type HriPosition = 'none' | 'above' | 'below' | 'both';
export const HRI_POSITIONS: readonly HriPosition[] = ['none', 'above', 'below', 'both'];

/** GS k m: Code 128 in the "function B" form (m = 73, explicit length). */
export const BARCODE_CODE128 = 73;
/** GS V m: 65 = full cut after feeding n, 66 = partial cut after feeding n. */
export const CUT_FULL_FEED = 65;
export const CUT_PARTIAL_FEED = 66;
