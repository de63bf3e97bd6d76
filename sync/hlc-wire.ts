/**
 * The kiosk writes HLC stamps in core's text form (`000001731234567890-0001-<device>`, see
 * core/rules/hlc.ts); the wire form is `WWWWWWWWWWWWWWW-CCCCC` (sync/protocol/hlc.ts). This is the
 * one conversion, at the sync boundary. A stamp already in wire form passes through.
 */
import { parse as parseCoreHlc } from '../core/rules/hlc';
import { HlcSchema, formatHlc } from './protocol';

/** The wire stamp for a stored stamp, or null when it is neither form (a poison entry). */
export function toWireHlc(stored: string): string | null {
  if (HlcSchema.safeParse(stored).success) return stored;
  const core = parseCoreHlc(stored);
  if (!core.ok || core.value.wallMs >= 1e15) return null;
  return formatHlc({ wallMs: core.value.wallMs, counter: core.value.counter });
}
