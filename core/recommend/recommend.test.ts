import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readOnly, type ReadableDB } from '../store/db';

import { affinityState, ensureAffinity, rebuildAffinity } from './affinity';
import { completeTheLook } from './complete-the-look';
import { forYou } from './for-you';
import { compareSizes, otherSizesAndColours } from './other-sizes';
import { popular } from './popular';
import { seedSmallStore } from './test-fixture';
import { openTestDb, type TestDb } from '../../test/support/db';

let db: TestDb;
let r: ReadableDB;

beforeEach(() => {
  db = openTestDb();
  seedSmallStore(db);
  r = readOnly(db);
});
afterEach(() => db.close());

const stockOf = (sku: string) =>
  db.raw
    .prepare(
      `SELECT coalesce(sum(CASE WHEN location_id = 'S001' THEN max(on_hand, 0) END), 0) AS here,
         coalesce(sum(CASE WHEN location_id = 'ONLINE' THEN max(on_hand, 0) END), 0) AS online
       FROM stock WHERE sku = ?`,
    )
    .get(sku) as { here: number; online: number };

describe('otherSizesAndColours', () => {
  it('lists every variant of the style with stock here, in other stores and online', () => {
    const result = otherSizesAndColours(r, 'TOP1-WHT-L', 'S001');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.styleId).toBe('TOP1');
    expect(result.value.variants.map((v) => v.sku)).toEqual([
      'TOP1-BLK-S',
      'TOP1-BLK-M',
      'TOP1-BLK-L',
      'TOP1-WHT-S',
      'TOP1-WHT-M',
      'TOP1-WHT-L',
    ]);
    const [s, , l] = result.value.variants;
    // Negative on-hand online counts as none.
    expect(s?.stock).toEqual({ here: 3, otherStores: 5, online: 0 });
    expect(s?.reason).toEqual({ zh: '黑色 S 在本店有货', en: 'Black S in stock here' });
    expect(l?.stock).toEqual({ here: 0, otherStores: 5, online: 0 });
    expect(l?.reason.en).toBe('Black L in stock at other stores, can be transferred');
    expect(result.value.variants.at(-1)).toMatchObject({
      current: true,
      stock: { here: 0, otherStores: 0, online: 0 },
      reason: { zh: '白色 L 暂时缺货', en: 'White L out of stock everywhere' },
    });
    expect(result.value.variants.filter((v) => v.current)).toHaveLength(1);
  });

  it("says when a size can only be had online, from another store's point of view", () => {
    const result = otherSizesAndColours(r, 'SHO1-BLK-M', 'S002');
    expect(result.ok && result.value.variants[0]).toMatchObject({
      stock: { here: 0, otherStores: 0, online: 2 },
      reason: {
        zh: '黑色 S 线上有货，可送货到家',
        en: 'Black S available online for home delivery',
      },
    });
  });

  it('refuses an unknown sku with a typed result', () => {
    expect(otherSizesAndColours(r, 'NOPE-1', 'S001')).toMatchObject({
      ok: false,
      error: { code: 'unknown-sku' },
    });
  });

  it('orders sizes as they are worn', () => {
    expect(['XL', '38', 'S', 'XS', 'OS', '36', 'M'].sort(compareSizes)).toEqual([
      'XS',
      'S',
      'M',
      'XL',
      '36',
      '38',
      'OS',
    ]);
  });
});

describe('rebuildAffinity', () => {
  it('counts co-purchases twice and co-try-ons once, both directions, ignoring rejected try-ons', () => {
    const built = rebuildAffinity(db, { now: new Date('2026-10-01T00:00:00Z') });
    expect(built).toMatchObject({ ok: true, value: { before: null } });
    const pair = (a: string, b: string) =>
      db.raw
        .prepare(
          'SELECT score, co_purchases AS cp, co_tryons AS ct FROM style_affinity WHERE style_a = ? AND style_b = ?',
        )
        .get(a, b);
    expect(pair('TOP1', 'BOT1')).toEqual({ score: 8, cp: 4, ct: 0 });
    expect(pair('BOT1', 'TOP1')).toEqual({ score: 8, cp: 4, ct: 0 });
    expect(pair('TOP1', 'OUT1')).toEqual({ score: 2, cp: 0, ct: 2 });
    expect(pair('TOP1', 'TOP2')).toBeUndefined();
    expect(pair('TOP2', 'BAG1')).toEqual({ score: 10, cp: 5, ct: 0 });
    expect(affinityState(db)?.builtAt).toBe('2026-10-01T00:00:00.000Z');
  });

  it('uses only history before the cut, and keeps the best partners per style', () => {
    expect(rebuildAffinity(db, { before: '2026-09-01' }).ok).toBe(true);
    const partners = () =>
      db.raw
        .prepare(
          "SELECT style_b AS b FROM style_affinity WHERE style_a = 'TOP1' ORDER BY score DESC, b",
        )
        .all();
    expect(db.raw.prepare("SELECT * FROM style_affinity WHERE style_a = 'TOP2'").all()).toEqual([]);
    expect(partners()).toHaveLength(6);
    rebuildAffinity(db, { before: new Date('2026-09-01T00:00:00Z'), topPerStyle: 2 });
    expect(partners()).toEqual([{ b: 'BAG2' }, { b: 'BOT1' }]);
  });

  it('refuses a bad cut or option without touching the tables', () => {
    rebuildAffinity(db);
    const before = db.raw.prepare('SELECT count(*) AS n FROM style_affinity').get();
    expect(rebuildAffinity(db, { before: 'yesterday' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-date' },
    });
    expect(rebuildAffinity(db, { before: new Date(Number.NaN) })).toMatchObject({ ok: false });
    expect(rebuildAffinity(db, { topPerStyle: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-option' },
    });
    expect(db.raw.prepare('SELECT count(*) AS n FROM style_affinity').get()).toEqual(before);
  });

  it('rebuilds on demand only when never built, built with a cut, or the history changed', () => {
    expect(ensureAffinity(db)).toBe(true);
    expect(ensureAffinity(db)).toBe(false);
    db.exec(
      `INSERT INTO history_transactions VALUES ('Z1',1,NULL,'S001','store','2026-09-20T10:00:00+08:00','SHO1-BLK-M',1,1)`,
    );
    expect(ensureAffinity(db)).toBe(true);
    rebuildAffinity(db, { before: '2026-09-01' });
    expect(ensureAffinity(db)).toBe(true);
    expect(affinityState(db)?.before).toBeNull();
  });
});

describe('completeTheLook', () => {
  beforeEach(() => void rebuildAffinity(db));

  it('ranks the other slots by affinity, skipping the wrong gender and items out of stock here and online', () => {
    const items = completeTheLook(r, { skus: ['TOP1-BLK-M'], gender: 'F', storeId: 'S001' });
    // BAG2 (8) is only in another store; BOT2 (4) is for men; OUT1 and SHO1 tie at 2 → by id.
    expect(items.map((i) => i.styleId)).toEqual(['BOT1', 'BAG1', 'OUT1', 'SHO1']);
    expect(items.map((i) => i.score)).toEqual([8, 4, 2, 2]);
    expect(items[0]).toMatchObject({
      sku: 'BOT1-BLK-M',
      kind: 'complete-the-look',
      reason: {
        zh: '常与您试穿的真丝衬衫一起购买',
        en: 'Often bought with the silk shirt you tried',
      },
    });
    expect(items[2]?.reason).toEqual({
      zh: '常与真丝衬衫一起试穿',
      en: 'Often tried on together with the silk shirt',
    });
    for (const item of items) {
      const stock = stockOf(item.sku);
      expect(stock.here + stock.online).toBeGreaterThan(0);
    }
  });

  it('never proposes a slot the shopper already has, and reads the gender from the visit', () => {
    const items = completeTheLook(r, { skus: ['TOP1-BLK-M', 'BOT1-WHT-L'], storeId: 'S001' });
    expect(items.map((i) => i.styleId)).toEqual(['BAG1', 'OUT1', 'SHO1']);
    const forMen = completeTheLook(r, { skus: ['TOP1-BLK-M'], gender: 'M', storeId: 'S001' });
    expect(forMen.map((i) => i.styleId)).toEqual(['BOT1', 'BAG1', 'BOT2', 'OUT1', 'SHO1']);
  });

  it('honours the limit, the exclusions and the preferred size; empty for unknown skus', () => {
    const items = completeTheLook(r, {
      skus: ['TOP1-BLK-M'],
      gender: 'F',
      storeId: 'S001',
      limit: 2,
      excludeStyles: ['BOT1'],
      sizes: { accessory: 'S' },
    });
    expect(items.map((i) => i.sku)).toEqual(['BAG1-BLK-S', 'OUT1-BLK-M']);
    expect(completeTheLook(r, { skus: ['NOPE'], storeId: 'S001' })).toEqual([]);
    expect(completeTheLook(r, { skus: [], storeId: 'S001' })).toEqual([]);
  });
});

describe('popular', () => {
  beforeEach(() => void rebuildAffinity(db));

  it('ranks by sales from the table, or from history before a cut, within the gender', () => {
    expect(popular(r, { storeId: 'S001', gender: 'F', limit: 3 }).map((i) => i.styleId)).toEqual([
      'TOP1',
      'BAG1',
      'TOP2',
    ]);
    const early = popular(r, {
      storeId: 'S001',
      gender: 'F',
      before: new Date('2026-09-01T00:00:00Z'),
    });
    expect(early.map((i) => i.styleId)).toEqual(['TOP1', 'BOT1', 'BAG1', 'SHO1']);
    expect(early[0]?.reason.en).toBe('A bestseller this season');
    expect(popular(r, { storeId: 'S001', before: new Date(Number.NaN) })).toEqual([]);
  });
});

describe('forYou', () => {
  beforeEach(() => void rebuildAffinity(db));

  it('gives a consenting member picks in stock, of their gender, each with a readable reason', () => {
    const result = forYou(r, {
      memberId: 'M1',
      storeId: 'S001',
      now: new Date('2026-05-01T00:00:00Z'),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.note).toBeUndefined();
    expect(result.value.items.length).toBeGreaterThan(2);
    const styles = result.value.items.map((i) => i.styleId);
    expect(styles).toContain('OUT1');
    expect(styles).not.toContain('BOT2');
    expect(new Set(styles).size).toBe(styles.length);
    for (const item of result.value.items) {
      const stock = stockOf(item.sku);
      expect(stock.here + stock.online).toBeGreaterThan(0);
      expect(item.reason.zh.length).toBeGreaterThan(2);
      expect(item.reason.en.length).toBeGreaterThan(5);
    }
    expect(result.value.items.find((i) => i.styleId === 'OUT1')?.reason.en).toBe(
      'You tried this one on before',
    );
    // The member bought tops in S: a top is shown in S.
    expect(result.value.items.find((i) => i.styleId === 'TOP1')?.sku).toBe('TOP1-BLK-S');
  });

  it('uses a saved style from preferences', () => {
    db.exec(
      `INSERT INTO preferences VALUES ('M1', 'styles.liked', '["BAG1", {"styleId": "SHO1"}, 7]', 'h1')`,
    );
    const result = forYou(r, { memberId: 'M1', storeId: 'S001', limit: 20 });
    expect(result.ok && result.value.items.find((i) => i.styleId === 'BAG1')?.reason).toEqual({
      zh: '您收藏的款式',
      en: 'A style you saved',
    });
  });

  it('is empty, with a note, without consent or after erasure; unknown members are refused', () => {
    expect(forYou(r, { memberId: 'M2', storeId: 'S001' })).toEqual({
      ok: true,
      value: { items: [], note: 'no-consent' },
    });
    expect(forYou(r, { memberId: 'M3', storeId: 'S001' })).toEqual({
      ok: true,
      value: { items: [], note: 'no-consent' },
    });
    expect(forYou(r, { memberId: 'M404', storeId: 'S001' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-member' },
    });
    expect(forYou(r, { memberId: 'M1', storeId: 'S001', before: new Date('x') })).toMatchObject({
      ok: false,
      error: { code: 'invalid-date' },
    });
  });

  it('ignores history after the cut', () => {
    db.exec(
      `INSERT INTO history_transactions VALUES ('Z9',1,'M1','S001','store','2026-09-20T10:00:00+08:00','SHO1-BLK-M',1,1)`,
    );
    const all = forYou(r, { memberId: 'M1', storeId: 'S001', limit: 20 });
    expect(all.ok && all.value.items.find((i) => i.styleId === 'SHO1')?.reason.en).toMatch(
      /You bought/,
    );
    const cut = new Date('2026-09-01T00:00:00Z');
    rebuildAffinity(db, { before: cut });
    const result = forYou(r, { memberId: 'M1', storeId: 'S001', before: cut, limit: 20 });
    const shoes = result.ok ? result.value.items.find((i) => i.styleId === 'SHO1') : undefined;
    expect(shoes?.reason.en ?? 'not proposed').not.toMatch(/You bought/);
  });
});
