/** UHF RFID: reader protocols (our ASCII lines, Impinj R2000 "CM" binary) and the enter/leave debouncer. */
export type { TagRead } from './types';
export {
  parseAsciiRead,
  formatAsciiRead,
  type AsciiReadResult,
  type AsciiReadErrorCode,
} from './ascii-protocol';
export { AsciiLineFramer, type LineFrame } from './line-framer';
export { R2000Framer, r2000Checksum, R2000_HEAD, type R2000Frame } from './r2000-framer';
export {
  decodeRealTimeInventory,
  encodeR2000Frame,
  encodeRealTimeInventoryCommand,
  encodeInventoryTag,
  encodeInventoryEnd,
  encodeInventoryError,
  R2000_CMD,
  R2000_BROADCAST,
  type R2000Inventory,
} from './r2000-codec';
export {
  TagDebouncer,
  defaultDebouncerOptions,
  resolveDebouncerOptions,
  type DebouncerOptions,
  type TagEvent,
} from './debouncer';
export { benchDebouncer } from './debouncer-bench';
