/**
 * The look on the shopper's phone: each mirror visit gets one link token (16 random bytes,
 * base64url: unguessable), valid for 7 days, and every garment added re-shares the visit's look
 * as a `shareLook` mutation in the same transaction as the link's new revision. The phone page
 * (cloud `/m/<token>`) shows it once the outbox has synced; before that it says it is on its way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { enqueue } from '../outbox/outbox';
import type { WritableDB } from '../store/db';

export const LOOK_TTL_MS = 7 * 24 * 3600_000;

export interface LookLink {
  token: string;
  expiresAt: string;
  revision: number;
}

export interface ShareLookInput {
  sessionId: string;
  /** The visit's garments, newest first (at most 60 are shared). */
  skus: readonly string[];
  now: Date;
  /** HLC stamp text for the outbox row. */
  hlc: string;
}

export const newLookToken = (): string => randomBytes(16).toString('base64url');

/** The visit's link, made on first use; null when the session has none yet. */
export function lookLinkOf(db: WritableDB, sessionId: string): LookLink | null {
  const row = db
    .prepare<[string], { token: string; expires_at: string; revision: number }>(
      'SELECT token, expires_at, revision FROM look_links WHERE session_id = ?',
    )
    .get(sessionId);
  return row ? { token: row.token, expiresAt: row.expires_at, revision: row.revision } : null;
}

/**
 * Shares the visit's look: makes the link on first use, bumps its revision and queues the look,
 * all in one transaction. Sharing the same garments again queues nothing new.
 */
export function shareLook(db: WritableDB, input: ShareLookInput): LookLink {
  return db.transaction((): LookLink => {
    const skus = [...new Set(input.skus)].slice(0, 60);
    let link = lookLinkOf(db, input.sessionId);
    if (!link) {
      const created = input.now.toISOString();
      const expiresAt = new Date(input.now.getTime() + LOOK_TTL_MS).toISOString();
      link = { token: newLookToken(), expiresAt, revision: 0 };
      db.prepare(
        'INSERT INTO look_links (session_id, token, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(input.sessionId, link.token, created, expiresAt);
    }
    if (skus.length === 0) return link;
    const garments = createHash('sha256').update(skus.join('\n')).digest('base64url').slice(0, 16);
    const key = `shareLook:${link.token}:${garments}`;
    const already = db
      .prepare<[string], { n: number }>('SELECT 1 AS n FROM outbox WHERE idempotency_key = ?')
      .get(key);
    if (already) return link;
    const revision = link.revision + 1;
    db.prepare('UPDATE look_links SET revision = ? WHERE session_id = ?').run(
      revision,
      input.sessionId,
    );
    enqueue(db, {
      name: 'shareLook',
      version: 1,
      idempotencyKey: key,
      args: { token: link.token, revision, skus, expiresAt: link.expiresAt },
      hlc: input.hlc,
    });
    return { ...link, revision };
  });
}

/** The phone page of a look, on the cloud at `base`; `sku` marks the garment whose QR was scanned. */
export function lookPageUrl(base: string, token: string, sku?: string): string {
  const root = base.replace(/\/+$/, '');
  return `${root}/m/${token}${sku ? `?g=${encodeURIComponent(sku)}` : ''}`;
}
