/**
 * The brand-wide fitting room and "why not bought" read whole months from the month rollups and
 * the partial months' days from the day rollups; the answers equal reading days only, for ranges
 * that start and end mid-month, cover exactly one month or none, with product and channel
 * filters, for a store manager's and a city's scope, on the demo history plus try-ons pushed
 * one at a time afterwards (an unknown SKU among them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, startCloud, type Cloud } from '../../test/harness';
import { scopeOf } from '../../test/hq-scope';
import { loadDemoHistory } from '../demo/history';
import { foldAll } from '../rollups/fold';
import type { Scope } from '../scope';
import { fittingRoom } from './fitting-room';
import { wholeMonths } from './months';
import { reasons } from './reasons';

describe('whole months of a range', () => {
  it('are the calendar months inside it, none when it covers no whole month', () => {
    expect(wholeMonths('2026-03-01', '2026-09-30')).toEqual({
      first: '2026-03-01',
      last: '2026-09-01',
    });
    expect(wholeMonths('2026-03-14', '2026-08-17')).toEqual({
      first: '2026-04-01',
      last: '2026-07-01',
    });
    expect(wholeMonths('2026-02-01', '2026-02-28')).toEqual({
      first: '2026-02-01',
      last: '2026-02-01',
    });
    expect(wholeMonths('2026-05-03', '2026-05-20')).toBeNull();
    expect(wholeMonths('2026-04-30', '2026-05-30')).toBeNull();
    expect(wholeMonths('2025-12-31', '2026-01-31')).toEqual({
      first: '2026-01-01',
      last: '2026-01-01',
    });
  });
});

describe('try-on views read through month rollups', () => {
  let cloud: Cloud;
  let product: { category: string; season: string; style_id: string };
  beforeAll(async () => {
    cloud = await startCloud('pglite');
    await loadDemoHistory(cloud.db, DEMO_DIR);
    // after the bulk load, through the upkeep triggers: mid-month days, a new session, an unknown SKU
    await cloud.db
      .exec(`INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason)
      SELECT 'X' || i, 'dev', 'S00' || (1 + i % 3),
        jsonb_build_object('sessionId', 'XS' || (i / 3), 'sku', CASE WHEN i % 7 = 0 THEN 'NOPE' ELSE v.sku END,
          'memberId', null),
        timestamptz '2026-05-14T02:00:00Z' + (i * interval '29 hours'), 'rejected', 'too-big'
      FROM generate_series(1, 40) i
      JOIN (SELECT sku, row_number() OVER (ORDER BY sku) AS n FROM variants) v ON v.n = 1 + i % 20`);
    await foldAll(cloud.db); // the queries are called here directly, not through the API's read fold
    const { rows } = await cloud.db.query<typeof product>(
      `SELECT p.category, p.season, p.style_id FROM hq_tryon_style_all t JOIN products p USING (style_id)
       GROUP BY 1, 2, 3 ORDER BY sum(garments) DESC LIMIT 1`,
    );
    product = rows[0] ?? { category: '', season: '', style_id: '' };
  });
  afterAll(async () => cloud.close());

  const RANGES: [string, string][] = [
    ['2026-03-01', '2026-09-30'],
    ['2026-03-14', '2026-08-17'],
    ['2026-05-01', '2026-05-31'],
    ['2026-05-03', '2026-05-20'],
    ['2026-04-30', '2026-06-01'],
  ];
  const scopes = (): { name: string; scope: Scope }[] =>
    RANGES.flatMap(([from, to]) => {
      const base = scopeOf(from, to);
      return [
        { name: `brand ${from}..${to}`, scope: base },
        { name: `online ${from}..${to}`, scope: { ...base, channels: ['online'] } },
        { name: `category ${from}..${to}`, scope: { ...base, category: product.category } },
        {
          name: `season+style ${from}..${to}`,
          scope: { ...base, season: product.season, style: product.style_id },
        },
        { name: `manager ${from}..${to}`, scope: scopeOf(from, to, ['S001']) },
        { name: `city ${from}..${to}`, scope: scopeOf(from, to, ['S001', 'S002']) },
      ];
    });

  it('answer as reading days only, whatever the range and scope', async () => {
    let garments = 0;
    for (const { name, scope } of scopes()) {
      const byMonths = await fittingRoom(cloud.db, scope, 'months');
      expect({ name, answer: byMonths }).toEqual({
        name,
        answer: await fittingRoom(cloud.db, scope, 'days'),
      });
      expect({ name, answer: await reasons(cloud.db, scope, 'months') }).toEqual({
        name,
        answer: await reasons(cloud.db, scope, 'days'),
      });
      garments += byMonths.totals.garments;
    }
    expect(garments).toBeGreaterThan(1000);
  }, 120_000);

  it('add up: days to the total, stores to the total plus the unknown SKUs’ garments', async () => {
    const scope = scopeOf('2026-05-10', '2026-07-20');
    const { rows } = await cloud.db.query<{ unknown: number }>(
      `SELECT count(*)::int AS unknown FROM hq_garments WHERE style_id = '?' AND day BETWEEN $1 AND $2`,
      [scope.from, scope.to],
    );
    const answer = await fittingRoom(cloud.db, scope, 'months');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(rows[0]?.unknown).toBeGreaterThan(0);
    expect(sum(answer.byDay.map((d) => d.garments))).toBe(answer.totals.garments);
    // stores count every garment; the totals only styles of the catalog, as before
    expect(sum(answer.byStore.map((s) => s.garments))).toBe(
      answer.totals.garments + (rows[0]?.unknown ?? 0),
    );
    expect(sum(answer.byStore.map((s) => s.sessions))).toBe(answer.totals.sessions);
  });
});
