/** Frames on the WebSocket transport. Inbound frames are untrusted and parsed with these schemas. */
import { z } from 'zod';

export const callFrameSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  m: z.string().max(100),
  p: z.unknown().optional(),
});
export type CallFrame = z.output<typeof callFrameSchema>;

export interface ResultFrame {
  t: 'res';
  id: number | null;
  r: unknown;
}
export interface EventFrame {
  t: 'ev';
  e: string;
  p: unknown;
}
export type HostFrame = ResultFrame | EventFrame;

/** Frames larger than this are refused before parsing: no bridge call needs more. */
export const maxFrameBytes = 256 * 1024;
