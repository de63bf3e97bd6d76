import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { readOnly, type ReadableDB } from '../store/db';
import { compareSizes } from '../recommend';
import { completeTheLook } from './complete-the-look';
import { forYou, visitPicks } from './for-you';
import { ensureLocalModel } from './local-model';
import { activeModel } from './model-tables';
import { otherSizesAndColours } from './other-sizes';
import { popular } from './popular';
import { seedSmallStore } from './test-fixture';

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
    const answer = otherSizesAndColours(r, 'TOP1-WHT-L', 'S001');
    if (!answer.ok) throw new Error(answer.error.message);
    const result = answer.value;
    expect(result.styleId).toBe('TOP1');
    expect(result.variants.map((v) => v.sku)).toEqual([
      'TOP1-BLK-S',
      'TOP1-BLK-M',
      'TOP1-BLK-L',
      'TOP1-WHT-S',
      'TOP1-WHT-M',
      'TOP1-WHT-L',
    ]);
    const [s, , l] = result.variants;
    // Negative on-hand online counts as none.
    expect(s?.stock).toEqual({ here: 3, otherStores: 5, online: 0 });
    expect(s?.reason).toEqual({ zh: '黑色 S 在本店有货', en: 'Black S in stock here' });
    expect(l?.stock).toEqual({ here: 0, otherStores: 5, online: 0 });
    expect(l?.reason.en).toBe('Black L in stock at other stores, can be transferred');
    expect(result.variants.at(-1)).toMatchObject({
      current: true,
      stock: { here: 0, otherStores: 0, online: 0 },
      reason: { zh: '白色 L 暂时缺货', en: 'White L out of stock everywhere' },
    });
    expect(result.variants.filter((v) => v.current)).toHaveLength(1);
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

const now = new Date('2026-10-01T00:00:00Z');

describe('ensureLocalModel', () => {
  it('trains on this kiosk’s history when it has no model, and again only when the history changed', () => {
    expect(activeModel(r)).toBeNull();
    expect(ensureLocalModel(db, now)).toMatchObject({ trained: true, members: 1 });
    expect(activeModel(r)).toMatchObject({
      source: 'local',
      meta: { trainedAt: now.toISOString() },
    });
    expect(ensureLocalModel(db, now)).toEqual({ trained: false, reason: 'up-to-date' });
    db.exec(
      `INSERT INTO history_transactions VALUES ('Z1',1,NULL,'S001','store','2026-09-20T10:00:00+08:00','SHO1-BLK-M',1,1)`,
    );
    expect(ensureLocalModel(db, now).trained).toBe(true);
    // A consent withdrawn changes what may be learned; so does a day gone by.
    db.exec(`UPDATE members SET consent_profile = 0 WHERE member_id = 'M1'`);
    expect(ensureLocalModel(db, now)).toMatchObject({ trained: true, members: 0 });
    const later = new Date(now.getTime() + 23 * 3600_000);
    expect(ensureLocalModel(db, later)).toEqual({ trained: false, reason: 'up-to-date' });
    expect(ensureLocalModel(db, new Date(now.getTime() + 25 * 3600_000)).trained).toBe(true);
  });

  it('never replaces a model the cloud sent', () => {
    ensureLocalModel(db, now);
    db.exec(`UPDATE recommend_model SET source = 'cloud'`);
    db.exec(
      `INSERT INTO history_transactions VALUES ('Z1',1,NULL,'S001','store','2026-09-20T10:00:00+08:00','SHO1-BLK-M',1,1)`,
    );
    expect(ensureLocalModel(db, now)).toEqual({ trained: false, reason: 'cloud-model' });
  });

  it('has nothing to train on an empty kiosk', () => {
    db.exec('DELETE FROM history_transactions; DELETE FROM history_tryons;');
    expect(ensureLocalModel(db, now)).toEqual({ trained: false, reason: 'no-history' });
  });
});

describe('completeTheLook', () => {
  beforeEach(() => void ensureLocalModel(db, now));

  it('proposes other slots bought or tried with the visit, of the gender, in stock here or online', () => {
    const items = completeTheLook(r, { skus: ['TOP1-BLK-M'], gender: 'F', storeId: 'S001' });
    const styles = items.map((i) => i.styleId);
    // BOT1: four sales with TOP1. BAG2 is only in another store; BOT2 is for men; TOP2 a top.
    expect(styles[0]).toBe('BOT1');
    expect(styles).toEqual(expect.arrayContaining(['BAG1', 'OUT1', 'SHO1']));
    expect(styles).not.toContain('BAG2');
    expect(styles).not.toContain('BOT2');
    expect(styles).not.toContain('TOP2');
    expect(items[0]).toMatchObject({
      sku: 'BOT1-BLK-M',
      kind: 'complete-the-look',
      reason: {
        zh: '常与您试穿的真丝衬衫一起购买',
        en: 'Often bought with the silk shirt you tried',
      },
    });
    expect(items.find((i) => i.styleId === 'OUT1')?.reason).toEqual({
      zh: '常与真丝衬衫一起试穿',
      en: 'Often tried on together with the silk shirt',
    });
    for (const item of items) {
      const stock = stockOf(item.sku);
      expect(stock.here + stock.online).toBeGreaterThan(0);
    }
    const scores = items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('never proposes a slot the shopper already has, and reads the gender from the visit', () => {
    const items = completeTheLook(r, { skus: ['TOP1-BLK-M', 'BOT1-WHT-L'], storeId: 'S001' });
    expect(items.map((i) => i.styleId)).not.toEqual(expect.arrayContaining(['BOT1']));
    expect(items.every((i) => !i.styleId.startsWith('BOT') && !i.styleId.startsWith('TOP'))).toBe(
      true,
    );
    const forMen = completeTheLook(r, { skus: ['TOP1-BLK-M'], gender: 'M', storeId: 'S001' });
    expect(forMen.map((i) => i.styleId)).toContain('BOT2');
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
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.styleId)).not.toContain('BOT1');
    expect(items.find((i) => i.styleId === 'BAG1')?.sku ?? 'BAG1-BLK-S').toBe('BAG1-BLK-S');
    expect(completeTheLook(r, { skus: ['NOPE'], storeId: 'S001' })).toEqual([]);
    expect(completeTheLook(r, { skus: [], storeId: 'S001' })).toEqual([]);
  });
});

describe('popular', () => {
  it('ranks the model’s bestsellers within the gender, each a variant that can be had', () => {
    expect(popular(r, { storeId: 'S001' })).toEqual([]);
    ensureLocalModel(db, now);
    const items = popular(r, { storeId: 'S001', gender: 'F', limit: 3 });
    // Weighted sales and likes of every store: BAG1 was bought seven times, BOT1 four.
    expect(items.map((i) => i.styleId)).toEqual(['TOP1', 'BAG1', 'TOP2']);
    expect(items[0]?.reason.en).toBe('A bestseller this season');
    expect(popular(r, { storeId: 'S001', gender: 'F', excludeStyles: ['TOP1'] })[0]?.styleId).toBe(
      'BAG1',
    );
  });
});

describe('forYou', () => {
  it('gives a consenting member picks that can be had, of their gender, each with a reason', () => {
    expect(forYou(r, { memberId: 'M1', storeId: 'S001' })).toEqual({
      ok: true,
      value: { items: [], note: 'no-model' },
    });
    ensureLocalModel(db, now);
    const answer = forYou(r, { memberId: 'M1', storeId: 'S001', limit: 10 });
    if (!answer.ok) throw new Error(answer.error.message);
    const result = answer.value;
    expect(result.note).toBeUndefined();
    const styles = result.items.map((i) => i.styleId);
    expect(styles.slice(0, 2).sort()).toEqual(['OUT1', 'TOP1']);
    expect(styles).not.toContain('BOT2');
    expect(new Set(styles).size).toBe(styles.length);
    for (const item of result.items) {
      const stock = stockOf(item.sku);
      expect(stock.here + stock.online + 5).toBeGreaterThan(0);
      expect(item.reason.zh.length).toBeGreaterThan(2);
      expect(item.reason.en.length).toBeGreaterThan(5);
    }
    // Liked once, and of the member's business taste: one of the two personal reasons.
    expect(result.items.find((i) => i.styleId === 'OUT1')?.reason.en).toMatch(
      /^(You tried this one on before|Matches your business style)$/,
    );
    // The member bought tops in S: a top is shown in S.
    expect(result.items.find((i) => i.styleId === 'TOP1')?.sku).toBe('TOP1-BLK-S');
  });

  it('is empty, with a note, without consent or after erasure; unknown members are refused', () => {
    ensureLocalModel(db, now);
    for (const memberId of ['M2', 'M3'])
      expect(forYou(r, { memberId, storeId: 'S001' })).toEqual({
        ok: true,
        value: { items: [], note: 'no-consent' },
      });
    expect(forYou(r, { memberId: 'M404', storeId: 'S001' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-member' },
    });
  });

  it('ranks a consenting member the model has no row for from their own events', () => {
    ensureLocalModel(db, now);
    db.exec(`INSERT INTO members (member_id, gender, tier, consent_profile) VALUES ('M5', 'F', 'regular', 1);
      INSERT INTO history_tryons (session_id, line_no, member_id, store_id, ts, sku, outcome)
      VALUES ('T99', 1, 'M5', 'S001', '2026-09-30T10:00:00+08:00', 'BOT1-BLK-M', 'liked');`);
    const result = forYou(r, { memberId: 'M5', storeId: 'S001', limit: 3 });
    expect(result.ok && result.value.items[0]).toMatchObject({
      styleId: 'BOT1',
      reason: { en: 'You tried this one on before' },
    });
  });
});

describe('visitPicks', () => {
  beforeEach(() => void ensureLocalModel(db, now));
  const visit = (
    sku: string,
    outcome: 'liked' | 'rejected' | 'tried',
    reason: 'too-small' | 'colour' | null = null,
  ) => {
    const [styleId = '', colour = '', size = ''] = sku.split('-');
    return { styleId, colour, size, outcome, reason };
  };

  it('proposes the next size up first after "too small", even from another store', () => {
    const items = visitPicks(r, {
      memberId: null,
      visit: [visit('TOP1-BLK-M', 'rejected', 'too-small')],
      storeId: 'S001',
    });
    expect(items[0]).toMatchObject({
      sku: 'TOP1-BLK-L',
      kind: 'other-size',
      reason: { zh: '试试 L 码：M 码偏小', en: 'Try size L: M felt too small' },
    });
    expect(items.slice(1).every((i) => i.styleId !== 'TOP1')).toBe(true);
  });

  it('avoids a colour turned down in every pick', () => {
    const items = visitPicks(r, {
      memberId: 'M1',
      visit: [visit('TOP2-BLK-M', 'rejected', 'colour')],
      storeId: 'S001',
      limit: 10,
    });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => !i.sku.includes('-BLK-'))).toBe(true);
  });

  it('lifts what goes with a garment liked now, and reads nothing personal without consent', () => {
    const liked = visitPicks(r, {
      memberId: 'M2',
      visit: [visit('OUT1-BLK-M', 'liked')],
      storeId: 'S001',
      limit: 3,
    });
    expect(liked[0]?.reason.en).toMatch(/^Because you liked the trench coat|^Goes well with/);
    expect(liked.every((i) => i.kind !== 'for-you' || /trench coat/.test(i.reason.en))).toBe(true);
  });
});
