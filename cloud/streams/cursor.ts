import { z } from 'zod';
import { StreamNameSchema, type StreamName } from '../../sync/protocol';

/**
 * A pull cursor: the (xid, pos) of the last row served, the stream epoch it belongs to, and the
 * store it was served for. Opaque to the kiosk (base64url JSON); not a secret.
 */
export interface Cursor {
  stream: StreamName;
  storeId: string;
  epoch: number;
  xid: string;
  pos: string;
  snapshot: boolean;
}

const CursorJson = z.object({
  v: z.literal(1),
  s: StreamNameSchema,
  st: z.string(),
  e: z.number().int(),
  x: z.string().regex(/^\d{1,20}$/),
  p: z.string().regex(/^\d{1,20}$/),
  sn: z.boolean(),
});

export function encodeCursor(c: Cursor): string {
  const json = { v: 1, s: c.stream, st: c.storeId, e: c.epoch, x: c.xid, p: c.pos, sn: c.snapshot };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this server wrote. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = CursorJson.safeParse(
      JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
    );
    if (!parsed.success) return null;
    const j = parsed.data;
    return { stream: j.s, storeId: j.st, epoch: j.e, xid: j.x, pos: j.p, snapshot: j.sn };
  } catch {
    return null;
  }
}
