/**
 * Presence tickets (sync/protocol/member.ts): the cloud's proof that a member presented a credential
 * at a device. `pt1.<payload>.<mac>`, payload = base64url JSON {d: device, m: member, iat, exp}
 * (epoch ms), mac = base64url HMAC-SHA256 over `pt1.<payload>` with the server's presence secret.
 * Every instance reads the same secret, so any instance verifies what another issued.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PRESENCE_TICKET_TTL_MS, type Presence } from '../../sync/protocol';
import type { Db } from '../db/db';

/** Kiosk and server clocks disagree a little: a ticket is honoured this much before and after. */
export const PRESENCE_CLOCK_TOLERANCE_MS = 5 * 60_000;
/**
 * A mutation written while its ticket was valid may reach the cloud this long after the ticket
 * expired (a kiosk offline for days). It bounds how far back a kiosk that once held a ticket could
 * date a mutation by its own clock.
 */
export const PRESENCE_DELIVERY_WINDOW_MS = 7 * 24 * 60 * 60_000;

const PayloadSchema = z.object({
  d: z.string(),
  m: z.string(),
  iat: z.number().int(),
  exp: z.number().int(),
});

const mac = (secret: Buffer, signed: string) =>
  createHmac('sha256', secret).update(signed, 'utf8').digest();

/**
 * The presence secret: `CLOUD_PRESENCE_SECRET` when the operator gives one (main.ts), otherwise one
 * generated on first use and kept in the database, so every instance on it agrees. Whoever reads
 * the database could forge tickets, but would still need a device token to use one.
 */
export async function loadPresenceSecret(db: Db, given?: string): Promise<Buffer> {
  if (given) return Buffer.from(given, 'utf8');
  await db.query(
    `INSERT INTO server_secrets (name, secret, created_at) VALUES ('presence-ticket', $1, now())
     ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ secret: string }>(
    "SELECT secret FROM server_secrets WHERE name = 'presence-ticket'",
  );
  const secret = rows[0]?.secret;
  if (!secret) throw new Error('presence secret missing after insert');
  return Buffer.from(secret, 'utf8');
}

export function issuePresenceTicket(
  secret: Buffer,
  bound: { deviceId: string; memberId: string },
  now: Date,
): Presence {
  const iat = now.getTime();
  const exp = iat + PRESENCE_TICKET_TTL_MS;
  const payload = Buffer.from(
    JSON.stringify({ d: bound.deviceId, m: bound.memberId, iat, exp }),
  ).toString('base64url');
  const signed = `pt1.${payload}`;
  return {
    ticket: `${signed}.${mac(secret, signed).toString('base64url')}`,
    expiresAt: new Date(exp).toISOString(),
  };
}

export type PresenceRefusal = 'missing' | 'forged' | 'other-device' | 'other-member' | 'expired';

/**
 * Whether `ticket` lets `deviceId` write for `memberId` at `at` (the mutation's clamped HLC time),
 * received `now`: signed by us, bound to both, `at` within its validity (± tolerance), and delivered
 * within the delivery window after it expired.
 */
export function checkPresenceTicket(
  secret: Buffer,
  ticket: string | undefined,
  expect: { deviceId: string; memberId: string; at: number; now: number },
): PresenceRefusal | null {
  if (!ticket) return 'missing';
  const [version, payload, given] = ticket.split('.');
  if (version !== 'pt1' || !payload || !given) return 'forged';
  const want = mac(secret, `pt1.${payload}`);
  const got = Buffer.from(given, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return 'forged';
  let claims: z.infer<typeof PayloadSchema>;
  try {
    const parsed = PayloadSchema.safeParse(
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    );
    if (!parsed.success) return 'forged';
    claims = parsed.data;
  } catch {
    return 'forged';
  }
  if (claims.d !== expect.deviceId) return 'other-device';
  if (claims.m !== expect.memberId) return 'other-member';
  const tolerance = PRESENCE_CLOCK_TOLERANCE_MS;
  if (expect.at < claims.iat - tolerance || expect.at > claims.exp + tolerance) return 'expired';
  if (expect.now > claims.exp + PRESENCE_DELIVERY_WINDOW_MS) return 'expired';
  return null;
}
