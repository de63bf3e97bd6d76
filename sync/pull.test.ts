import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullAll, pullStream, savedCursor } from './pull';
import type { StreamRow } from './protocol';
import { CONFIG_ROWS, page, queue, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
const now = () => new Date('2026-11-24T09:00:00Z');
const deps = (client: ReturnType<typeof scriptedCloud>) => ({
  db: k.db,
  key: k.key,
  client,
  token: 't',
  now,
});
const config = CONFIG_ROWS;
const member = (points: number): StreamRow => ({
  key: 'M1',
  op: 'upsert',
  data: {
    memberId: 'M1',
    cardNo: '6280000000000016',
    qrToken: 'MBR1.X',
    name: '赵萍',
    phoneMasked: '175****5849',
    gender: 'F',
    tier: 'regular',
    points,
    birthday: '09-11',
    homeStore: 'S001',
    consentProfile: true,
    consentMarketing: false,
    consentPhoto: false,
    joinedOn: '2022-10-07',
    erased: false,
  },
});

beforeEach(() => {
  k = testKiosk();
});
afterEach(() => k.remove());

describe('pullStream', () => {
  it('applies rows and saves the cursor in one transaction; members personal data is sealed', async () => {
    const cloud = scriptedCloud({
      pull: (stream) => ({
        ok: true,
        value: page(
          stream,
          stream === 'config' ? config : stream === 'members' ? [member(470)] : [],
          { cursor: `${stream}-1` },
        ),
      }),
    });
    expect((await pullAll(deps(cloud))).ok).toBe(true);
    expect(savedCursor(k.db, 'members')).toBe('members-1');
    const row = k.db.prepare("SELECT * FROM members WHERE member_id = 'M1'").get() as Record<
      string,
      unknown
    >;
    expect(row.points).toBe(470);
    expect(Buffer.isBuffer(row.name_enc)).toBe(true);
    expect(JSON.stringify(row)).not.toContain('赵萍');
    expect(
      JSON.parse(
        (
          k.db.prepare("SELECT value FROM settings WHERE key = 'cloud.settings'").get() as {
            value: string;
          }
        ).value,
      ),
    ).toMatchObject({ offlineRedeemDailyCapPoints: 2000 });
  });

  it('refuses a page whose checksum or count does not match, fetching it again with the same cursor', async () => {
    let calls = 0;
    const cloud = scriptedCloud({
      pull: (stream) => {
        calls++;
        const good = page(stream, config);
        return {
          ok: true,
          value:
            calls === 1
              ? { ...good, checksum: 'f'.repeat(64) }
              : calls === 2
                ? { ...good, count: 2 }
                : good,
        };
      },
    });
    const r = await pullStream(deps(cloud), 'config');
    expect(r).toMatchObject({ ok: true, value: { pages: 1, rows: 3 } });
    expect(cloud.pulls.map((p) => p.cursor)).toEqual([null, null, null]);
    const always = scriptedCloud({
      pull: (stream) => ({
        ok: true,
        value: { ...page(stream, config), checksum: '0'.repeat(64) },
      }),
    });
    const bad = await pullStream(deps(always), 'config');
    expect(bad.ok ? null : bad.error.kind).toBe('bad-answer');
    expect(k.db.prepare('SELECT count(*) AS n FROM stores').get()).toEqual({ n: 1 }); // only the good page
  });

  it('must-refetch resets that one stream and starts a snapshot; the outbox and other cursors stay', async () => {
    queue(k.db, 3);
    k.db.exec(`INSERT INTO sync_cursors VALUES ('coupons', 'old-c', 'x'), ('stock', 'old-s', 'x')`);
    const cloud = scriptedCloud({
      pull: (stream, cursor) =>
        cursor === 'old-c'
          ? { ok: true, value: page(stream, [], { cursor: null, mustRefetch: true }) }
          : { ok: true, value: page(stream, [], { cursor: 'new-c', snapshot: true }) },
    });
    const r = await pullStream(deps(cloud), 'coupons');
    expect(r).toMatchObject({ ok: true, value: { refetched: true } });
    expect(cloud.pulls).toEqual([
      { stream: 'coupons', cursor: 'old-c' },
      { stream: 'coupons', cursor: null },
    ]);
    expect(savedCursor(k.db, 'coupons')).toBe('new-c');
    expect(savedCursor(k.db, 'stock')).toBe('old-s');
    expect(k.db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get()).toEqual({
      n: 3,
    });
  });

  it('a snapshot serves the old rows until its last page, then drops what the server no longer has', async () => {
    const prep = scriptedCloud({ pull: (stream) => ({ ok: true, value: page(stream, config) }) });
    await pullStream(deps(prep), 'config');
    k.db.exec(
      `INSERT INTO coupons VALUES ('OLD', 't', 't', 'amount', 1, 0, '2026-01-01', '2026-12-31', 'regular', 0)`,
    );
    const coupon = (code: string): StreamRow => ({
      key: code,
      op: 'upsert',
      data: {
        code,
        titleZh: 't',
        titleEn: 't',
        kind: 'amount',
        value: 5,
        minSpendCents: 0,
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        minTier: 'regular',
        singleUse: true,
      },
    });
    let seen = 0;
    const cloud = scriptedCloud({
      pull: (stream) => {
        seen++;
        if (seen === 1) {
          return {
            ok: true,
            value: page(stream, [coupon('NEW1')], { cursor: 'p1', snapshot: true, hasMore: true }),
          };
        }
        expect(k.db.prepare("SELECT count(*) AS n FROM coupons WHERE code = 'OLD'").get()).toEqual({
          n: 1,
        });
        return {
          ok: true,
          value: page(stream, [coupon('NEW2')], { cursor: 'p2', snapshot: true }),
        };
      },
    });
    await pullStream(deps(cloud), 'coupons');
    expect(k.db.prepare('SELECT code FROM coupons ORDER BY code').all()).toEqual([
      { code: 'NEW1' },
      { code: 'NEW2' },
    ]);
  });

  it('an erased member is never resurrected by a later row', async () => {
    const cloud = scriptedCloud({
      pull: (stream) => ({
        ok: true,
        value: page(stream, stream === 'config' ? config : [member(10)]),
      }),
    });
    await pullAll(deps(cloud), ['config', 'members']);
    const del = scriptedCloud({
      pull: (stream) => ({
        ok: true,
        value: page(stream, [{ key: 'M1', op: 'delete', data: null }]),
      }),
    });
    await pullStream(deps(del), 'members');
    await pullStream(deps(cloud), 'members');
    expect(
      k.db
        .prepare(
          "SELECT name_enc, erased_at IS NOT NULL AS erased FROM members WHERE member_id = 'M1'",
        )
        .get(),
    ).toEqual({ name_enc: null, erased: 1 });
  });
});
