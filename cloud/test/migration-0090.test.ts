/** Migration 90: member QR tokens no decoder reads are reissued in the one format, and streamed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMemberToken } from '../../sync/protocol';
import type { Db } from '../db/db';
import { MIGRATIONS, migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);
const OLD = 'MBR1.0123456789ABCDEF01234567'; // 24 characters, as kiosk joins got them
const GOOD = 'MBR1.B5Q9K45ZVTGZFD7K7T48';

describe('cloud migration 90 (member token format)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
    await migrate(db, upTo(80));
    await db.exec(`INSERT INTO tiers VALUES ('regular', 'r', 'r', 0, 1, 0);
      INSERT INTO members (member_id, qr_token, tier, points, home_store, consent_profile, consent_marketing)
        VALUES ('M1', '${OLD}', 'regular', 0, 'S001', false, false),
               ('M2', '${GOOD}', 'regular', 0, 'S001', false, false),
               ('M3', NULL, 'regular', 0, 'S001', false, false);
      INSERT INTO stream_rows (stream, scope, key, data) VALUES
        ('members', 'S001', 'M1', '{"memberId": "M1", "qrToken": "${OLD}"}'),
        ('members', 'S001', 'M2', '{"memberId": "M2", "qrToken": "${GOOD}"}')`);
  });
  afterAll(async () => db.close());

  it('reissues unreadable tokens only, and puts the new token in the members stream', async () => {
    const before = await db.query<{ pos: string }>(
      "SELECT pos::text AS pos FROM stream_rows WHERE key = 'M2'",
    );
    await migrate(db, upTo(90));
    const { rows } = await db.query<{ id: string; qr: string | null }>(
      'SELECT member_id AS id, qr_token AS qr FROM members ORDER BY member_id',
    );
    const m1 = rows[0]?.qr ?? '';
    expect(m1).not.toBe(OLD);
    expect(isMemberToken(m1)).toBe(true); // what the kiosk's decoder accepts (member-token.ts)
    expect(rows.slice(1)).toEqual([
      { id: 'M2', qr: GOOD },
      { id: 'M3', qr: null },
    ]);
    const stream = await db.query<{ key: string; qr: string; pos: string }>(
      "SELECT key, data->>'qrToken' AS qr, pos::text AS pos FROM stream_rows ORDER BY key",
    );
    expect(stream.rows.map((r) => [r.key, r.qr])).toEqual([
      ['M1', m1],
      ['M2', GOOD],
    ]);
    expect(stream.rows[1]?.pos).toBe(before.rows[0]?.pos); // unchanged rows are not re-sent
  });
});
