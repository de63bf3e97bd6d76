/**
 * Try-ons, earns, preferences and sales of a push are applied in groups (cloud/push/deferred.ts):
 * the same answers and the same data as every mutation through its handler one at a time. Two
 * clouds get the same pushes, one with the groups and one without (`pushGroups: false`), and the
 * answers and every table the mutations touch are compared: over a scripted push full of the
 * cases that send a group the ordinary way, and over random pushes. A count of INSERT statements
 * shows the groups were used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, type MutationEnvelope } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, push, saleArgs, startCloud, type Cloud } from './harness';

const OWN = ['M000013', 'M000015', 'M000017', 'M000020'];
const OTHER_STORE = 'M000002';
const UNKNOWN = 'M999999';
const SKUS = ['DRE001-WHT-XS', 'DRE001-WHT-S', 'DRE001-WHT-M'];

const STATEMENT_COUNTS = `
CREATE TABLE test_statements (tbl text NOT NULL);
CREATE FUNCTION test_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO test_statements VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
CREATE TRIGGER test_count_sales AFTER INSERT ON sales FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
CREATE TRIGGER test_count_ledger AFTER INSERT ON points_ledger FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
CREATE TRIGGER test_count_settings AFTER INSERT ON member_settings FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();`;

/** Builds envelopes with seqs from 1 and a stamp per mutation (later unless told otherwise). */
function envelopes() {
  const out: MutationEnvelope[] = [];
  let n = 0;
  const add = (
    name: string,
    args: unknown,
    o: { key?: string; hlcMs?: number; version?: number } = {},
  ) => {
    n++;
    out.push({
      seq: out.length + 1,
      key: o.key ?? `${name}:${n}`,
      name,
      version: o.version ?? 1,
      args,
      hlc: formatHlc({
        wallMs: o.hlcMs ?? Date.parse('2026-11-20T09:00:00Z') + n * 1000,
        counter: 0,
      }),
    });
  };
  return { out, add };
}

const earn = (earnId: string, memberId: string, points = 10) => ({
  earnId,
  memberId,
  points,
  saleId: null,
});
const pref = (memberId: string, key: string, value: unknown) => ({ memberId, key, value });
const sale = (saleId: string, memberId: string | null, sku: string) => ({
  ...saleArgs(saleId, { memberId, sku }),
  lines: [
    { sku, qty: 2, unitPriceCents: 1000, discountCents: 0 },
    { sku: SKUS[0] ?? sku, qty: 1, unitPriceCents: 500, discountCents: 0 },
  ],
  totalCents: 2500,
  payments: [{ method: 'cash', amountCents: 2500 }],
});

/** Everything the pushes may touch, in a stable order, without ids the two clouds give apart. */
async function state(c: Cloud, deviceId: string) {
  const q = async (sql: string, params: string[] = []) => (await c.db.query(sql, params)).rows;
  const members = JSON.stringify([...OWN, OTHER_STORE, UNKNOWN]);
  const ofMembers = 'member_id IN (SELECT jsonb_array_elements_text($1::jsonb))';
  return {
    members: await q(
      `SELECT member_id, points, erased FROM members WHERE ${ofMembers} ORDER BY member_id`,
      [members],
    ),
    ledger: await q(
      `SELECT ref, member_id, delta, balance_after, sale_id FROM points_ledger
       WHERE ref LIKE 'earn:G%' OR ref LIKE 'redeem:G%' ORDER BY ref`,
    ),
    settings: await q(
      `SELECT member_id, key, value, hlc FROM member_settings WHERE ${ofMembers} ORDER BY 1, 2`,
      [members],
    ),
    sales: await q(
      `SELECT sale_id, member_id, total_cents, body, sold_at::text FROM sales WHERE sale_id LIKE 'G%' ORDER BY 1`,
    ),
    stock: await q(
      `SELECT sku, on_hand FROM stock WHERE location_id = 'S001' AND sku IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY 1`,
      [JSON.stringify(SKUS)],
    ),
    streams: await q(
      `SELECT stream, scope, key, data FROM stream_rows
       WHERE (stream = 'stock' AND key LIKE 'DRE001-WHT-%') OR (stream = 'member' AND key IN (SELECT jsonb_array_elements_text($1::jsonb)))
       ORDER BY 1, 2, 3`,
      [members],
    ),
    sizeRequests: await q(
      "SELECT request_id, sku, out_of_stock FROM hq_size_requests WHERE request_id LIKE 'G%' ORDER BY 1",
    ),
    tasks: await q(
      'SELECT kind, message, ref FROM staff_tasks WHERE device_id = $1 ORDER BY ref, kind',
      [deviceId],
    ),
    outcomes: await q('SELECT seq, outcome FROM mutations WHERE device_id = $1 ORDER BY seq', [
      deviceId,
    ]),
  };
}

/** Without what differs between the two clouds by design: devices' and staff tasks' ids. */
const alike = (value: unknown, devices: readonly string[]): unknown => {
  let json = JSON.stringify(value);
  devices.forEach((id, i) => (json = json.replaceAll(id, `DEVICE${i}`)));
  return JSON.parse(json.replace(/"(id|taskId)":"\d+"/g, '"$1":"n"'));
};

describe.each(DB_KINDS)('push groups on %s', (kind) => {
  let grouped: Cloud;
  let single: Cloud;
  beforeAll(async () => {
    [grouped, single] = await Promise.all([
      startCloud(kind, { app: { pushTransactionMs: 60_000 } }),
      startCloud(kind, { app: { pushTransactionMs: 60_000, pushGroups: false } }),
    ]);
    for (const c of [grouped, single]) {
      await c.db.exec(STATEMENT_COUNTS);
      // a balance one earn away from the largest one; the last two of a SKU in stock
      await c.db.query("UPDATE members SET points = 2147483000 WHERE member_id = 'M000017'");
      await c.db.query(
        "UPDATE stock SET on_hand = 2 WHERE location_id = 'S001' AND sku = 'DRE001-WHT-M'",
      );
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([grouped.close(), single.close()]);
  });

  /** Sends the same pushes to both clouds (each its own new device); both answers and states. */
  const devices = new Map<Cloud, string[]>();
  async function both(pushes: MutationEnvelope[][]) {
    const run = async (c: Cloud) => {
      const dev = await enrollDevice(c);
      const seen = [...(devices.get(c) ?? []), dev.deviceId];
      devices.set(c, seen);
      const bodies = [];
      for (const batch of pushes) {
        const res = await push(c, dev, '1', batch);
        expect(res.statusCode, res.body).toBe(200);
        bodies.push(alike((res.json() as { results: unknown[] }).results, seen));
      }
      return { bodies, state: alike(await state(c, dev.deviceId), seen) };
    };
    return { grouped: await run(grouped), single: await run(single) };
  }

  it('answer and store what one mutation at a time does, through every way a group falls back', async () => {
    const { out, add } = envelopes();
    add('earnPoints', earn('G-e1', 'M000013'));
    add('earnPoints', earn('G-e2', 'M000013', 25));
    add('earnPoints', earn('G-e1', 'M000013'), { key: 'earn-again' }); // the same earn again
    add('setPreference', pref('M000013', 'size.top', 'M'));
    add('recordSale', sale('G-s1', 'M000013', 'DRE001-WHT-S'));
    add('setPreference', pref('M000013', 'size.top', 'L'));
    add('setPreference', pref('M000015', 'size.top', 'S'), { hlcMs: Date.parse('2026-11-01') });
    add('recordSale', sale('G-s2', null, 'DRE001-WHT-M'));
    add('recordSale', sale('G-s1', 'M000013', 'DRE001-WHT-S'), { key: 'sale-again' });
    add('recordNps', { npsId: 'G-n1', score: 9, comment: null, memberId: null });
    add('redeemPoints', { redemptionId: 'G-r1', memberId: 'M000013', points: 30, saleId: null });
    add('earnPoints', earn('G-e3', 'M000015'));
    // a size request reads the stock the sales before it took (the last two of WHT-M: now none)
    add(
      'staffRequest',
      {
        requestId: 'G-q1',
        kind: 'size',
        place: 'F1',
        sku: 'DRE001-WHT-M',
        size: 'M',
        nameZh: null,
        nameEn: null,
        createdAt: '2026-11-20T09:10:00Z',
      },
      { version: 2 },
    );
    add('recordSale', sale('G-s3', 'M000015', 'DRE001-WHT-M'));
    // the same stamp from the same device: the second does not win
    const sameStamp = Date.parse('2026-11-20T09:30:00Z');
    add('setPreference', pref('M000015', 'size.shoe', 38), { hlcMs: sameStamp });
    add('setPreference', pref('M000015', 'size.shoe', 39), { hlcMs: sameStamp });
    // each of these sends its group the ordinary way, alone in its group (a consent flushes every
    // group): answers as the handlers give them
    let consents = 0;
    const alone = (name: string, args: unknown) => {
      add(name, args);
      add('recordConsent', {
        consentId: `G-c${++consents}`,
        memberId: 'M000013',
        kind: 'marketing',
        granted: consents % 2 === 0,
      });
    };
    alone('earnPoints', earn('G-e4', UNKNOWN));
    alone('setPreference', pref(UNKNOWN, 'size.top', 'XL'));
    alone('earnPoints', earn('G-e5', OTHER_STORE));
    alone('setPreference', pref(OTHER_STORE, 'size.top', 'XL'));
    alone('recordSale', sale('G-s4', OTHER_STORE, 'DRE001-WHT-S'));
    alone('setPreference', pref('M000015', 'fit', { waist: 70, leg: 'long' }));
    alone('earnPoints', earn('G-e6', 'M000017', 1000)); // past the largest balance
    add('requestErasure', { requestId: 'G-x1', memberId: 'M000020' });
    alone('earnPoints', earn('G-e7', 'M000020'));
    alone('setPreference', pref('M000020', 'size.top', 'M'));
    add('earnPoints', earn('G-e8', 'M000013', 7));
    add('setPreference', pref('M000013', 'size.top', 'XS'), { hlcMs: Date.parse('2026-11-02') });
    const { grouped: g, single: s } = await both([out.slice(0, 16), out.slice(16)]);
    expect(g.bodies).toEqual(s.bodies);
    expect(g.state).toEqual(s.state);
    const statuses = (g.bodies as { status: string }[][]).flat().map((r) => r.status);
    expect(statuses.filter((x) => x === 'rejected').length).toBe(8);
    const counts = async (c: Cloud) =>
      (
        await c.db.query<{ tbl: string; n: number }>(
          'SELECT tbl, count(*)::int AS n FROM test_statements GROUP BY tbl ORDER BY tbl',
        )
      ).rows;
    // grouped: fewer statements than mutations in each table; one at a time: one per write
    const [gc, sc] = [await counts(grouped), await counts(single)];
    for (const row of gc) {
      const other = sc.find((r) => r.tbl === row.tbl);
      expect(row.n, row.tbl).toBeLessThan(other?.n ?? 0);
    }
  });

  it('answer and store what one mutation at a time does, over random pushes', async () => {
    let seed = 20261205;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
    const { out, add } = envelopes();
    const members = [...OWN.slice(0, 2), OWN[0] ?? '', OWN[1] ?? '', OTHER_STORE, UNKNOWN];
    for (let i = 0; i < 160; i++) {
      const id = `GR-${rand(40)}`; // ids repeat: the same earn or sale sent again
      const member = pick(members);
      const hlcMs = rand(5) === 0 ? Date.parse('2026-11-01') + rand(1000) : undefined;
      switch (pick(['earn', 'earn', 'pref', 'pref', 'sale', 'sale', 'nps', 'redeem', 'consent'])) {
        case 'consent':
          add('recordConsent', {
            consentId: `G-c${i}`,
            memberId: pick(OWN.slice(0, 2)),
            kind: 'profile',
            granted: rand(2) === 0,
          });
          break;
        case 'earn':
          add('earnPoints', earn(`G${id}`, member, 1 + rand(50)), { hlcMs });
          break;
        case 'pref':
          add('setPreference', pref(member, pick(['size.top', 'size.shoe']), pick(['S', 'M', 7])), {
            hlcMs,
          });
          break;
        case 'sale':
          add('recordSale', sale(`G${id}`, rand(3) === 0 ? null : member, pick(SKUS)));
          break;
        case 'nps':
          add('recordNps', { npsId: `G-${i}`, score: rand(11), comment: null, memberId: null });
          break;
        case 'redeem':
          add('redeemPoints', {
            redemptionId: `G-${i}`,
            memberId: member,
            points: 5,
            saleId: null,
          });
          break;
      }
    }
    const { grouped: g, single: s } = await both([out.slice(0, 70), out.slice(70)]);
    expect(g.bodies).toEqual(s.bodies);
    expect(g.state).toEqual(s.state);
  });
});
