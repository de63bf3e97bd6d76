/** The recommenders on the imported demo store (fixtures/demo-store): guarantees over every style. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberRfm } from '../rfm-store';
import { readOnly, type ReadableDB } from '../store/db';
import { completeTheLook } from './complete-the-look';
import { fitAdvice } from './fit-advice';
import { forYou } from './for-you';
import { ensureLocalModel, type LocalTraining } from './local-model';
import { itemModel } from './model-tables';
import { otherSizesAndColours } from './other-sizes';
import { openDemoDb, type TestDb } from '../../test/support/db';

let db: TestDb;
let r: ReadableDB;
let training: LocalTraining;

beforeAll(() => {
  db = openDemoDb();
  training = ensureLocalModel(db, new Date('2026-10-01T00:00:00Z'));
  r = readOnly(db);
});
afterAll(() => db.close());

interface Facts {
  slot: string;
  gender: string;
}

describe('on the demo store', () => {
  it('trains the model on the kiosk’s own history, for every consenting member', () => {
    const consenting = db.raw
      .prepare('SELECT count(*) AS n FROM members WHERE consent_profile = 1')
      .get() as { n: number };
    expect(training).toMatchObject({ trained: true, members: consenting.n });
    expect(training.trained && training.events).toBeGreaterThan(35_000);
  });

  it('completes the look of every style within the guarantees, best first', () => {
    const facts = new Map(
      (
        db.raw
          .prepare('SELECT style_id AS id, outfit_slot AS slot, gender FROM products')
          .all() as ({ id: string } & Facts)[]
      ).map((p) => [p.id, p]),
    );
    const firstSku = db.raw.prepare('SELECT min(sku) AS sku FROM variants WHERE style_id = ?');
    const stock = db.raw.prepare(
      `SELECT coalesce(sum(max(on_hand, 0)), 0) AS n FROM stock
       WHERE sku = ? AND location_id IN ('S001', 'ONLINE')`,
    );
    let proposals = 0;
    for (const [styleId, style] of facts) {
      for (const gender of ['F', 'M'] as const) {
        const { sku } = firstSku.get(styleId) as { sku: string };
        const items = completeTheLook(r, { skus: [sku], gender, storeId: 'S001', limit: 8 });
        proposals += items.length;
        for (const item of items) {
          const f = facts.get(item.styleId);
          expect(f?.slot).not.toBe(style.slot);
          expect([gender, 'U']).toContain(f?.gender);
          expect((stock.get(item.sku) as { n: number }).n).toBeGreaterThan(0);
          expect(item.reason.en).toMatch(/^Often (bought|tried on)/);
        }
        const scores = items.map((i) => i.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }
    }
    expect(proposals).toBeGreaterThan(facts.size * 4);
  });

  it('gives no personal picks and no RFM for M000009, who did not consent (members.csv)', () => {
    expect(forYou(r, { memberId: 'M000009', storeId: 'S001' })).toEqual({
      ok: true,
      value: { items: [], note: 'no-consent' },
    });
    expect(memberRfm(r, 'M000009', new Date('2026-10-01T00:00:00Z'))).toBeNull();
    const consenting = forYou(r, { memberId: 'M000001', storeId: 'S001', limit: 5 });
    expect(consenting.ok && consenting.value.items).toHaveLength(5);
    expect(consenting.ok && consenting.value.items.every((i) => i.kind === 'for-you')).toBe(true);
    expect(memberRfm(r, 'M000001', new Date('2026-10-01T00:00:00Z'))?.segment).toBeTruthy();
  });

  it('says a style runs small only with evidence, with the counts, and never for a one-size bag', () => {
    const styles = db.raw.prepare('SELECT style_id AS id FROM products').all() as { id: string }[];
    const verdicts = styles.map((s) => ({ id: s.id, fit: itemModel(r, s.id)?.fit ?? null }));
    const small = verdicts.filter((v) => v.fit?.verdict === 'runs-small');
    const large = verdicts.filter((v) => v.fit?.verdict === 'runs-large');
    expect(small.length).toBeGreaterThan(0);
    expect(large.length).toBeGreaterThan(0);
    for (const { fit } of small) {
      expect((fit?.tooSmall ?? 0) + (fit?.tooBig ?? 0)).toBeGreaterThanOrEqual(12);
      expect(fit?.tooSmall ?? 0).toBeGreaterThan(fit?.tooBig ?? 0);
    }
    expect(verdicts.filter((v) => v.id.startsWith('BAG')).every((v) => v.fit === null)).toBe(true);
    const first = small[0];
    const sku = db.raw
      .prepare('SELECT sku, size FROM variants WHERE style_id = ? LIMIT 1')
      .get(first?.id) as { sku: string; size: string };
    expect(
      fitAdvice(r, { styleId: first?.id ?? '', size: sku.size, memberId: null }),
    ).toMatchObject({
      verdict: 'runs-small',
      tooSmall: first?.fit?.tooSmall,
      usualFrom: 'tried',
    });
  });

  it('lists the other sizes of a demo style with the three stock numbers', () => {
    const result = otherSizesAndColours(r, 'DRE001-WHT-XS', 'S001');
    const count = db.raw
      .prepare("SELECT count(*) AS n FROM variants WHERE style_id = 'DRE001'")
      .get() as { n: number };
    expect(result.ok && result.value.variants).toHaveLength(count.n);
    const onHand = db.raw
      .prepare("SELECT location_id AS loc, on_hand AS n FROM stock WHERE sku = 'DRE001-WHT-XS'")
      .all() as { loc: string; n: number }[];
    const at = (loc: string) => Math.max(0, onHand.find((s) => s.loc === loc)?.n ?? 0);
    const current = result.ok ? result.value.variants.find((v) => v.current) : undefined;
    expect(current?.stock).toEqual({
      here: at('S001'),
      otherStores: at('S002') + at('S003'),
      online: at('ONLINE'),
    });
  });
});
