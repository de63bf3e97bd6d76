/**
 * The mirror's "for you" row re-ranks at once from what the shopper does now (offline, from the
 * kiosk's model), and the card carries size advice from the brand's fit data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalModel, itemModel } from '../../../core/recommend-store';
import { readOnly } from '../../../core/store/db';
import { openDemoScreens, scanBytes, type DemoScreens } from './screen-test-support';

let demo: DemoScreens;
beforeAll(() => {
  demo = openDemoScreens();
  ensureLocalModel(demo.db, new Date('2026-10-01T00:00:00Z'));
});
afterAll(() => demo.close());

const CONSENTING = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003

/** The GTIN of a variant of `styleId` in `size` (any colour), stocked here if one is. */
function gtinOf(
  styleId: string,
  size?: string,
): { gtin: string; sku: string; size: string; colour: string } {
  const row = demo.db.raw
    .prepare(
      `SELECT v.gtin AS gtin, v.sku AS sku, v.size AS size, v.color_code AS colour FROM variants v
       WHERE v.style_id = ? AND (? IS NULL OR v.size = ?) ORDER BY v.sku LIMIT 1`,
    )
    .get(styleId, size ?? null, size ?? null) as
    { gtin: string; sku: string; size: string; colour: string } | undefined;
  if (!row) throw new Error(`no variant of ${styleId}`);
  return { ...row, gtin: row.gtin.replace(/^0/, '') };
}

function stylesWith(verdict: 'runs-small' | 'runs-large'): string[] {
  const read = readOnly(demo.db);
  return (
    demo.db.raw.prepare('SELECT style_id AS id FROM products ORDER BY 1').all() as { id: string }[]
  )
    .map((p) => p.id)
    .filter((id) => itemModel(read, id)?.fit?.verdict === verdict);
}

describe('live picks at the mirror', () => {
  it('proposes the next size up first after "too small"', () => {
    const { s } = demo.service('mirror');
    const v = gtinOf('KNI002', 'M');
    s.handleScan(scanBytes(v.gtin));
    const view = s.react(v.sku, 'rejected', 'too-small');
    expect(view.suggestions.forYou[0]).toMatchObject({
      sku: `KNI002-${v.colour}-L`,
      reason: { en: 'Try size L: M felt too small', zh: '试试 L 码：M 码偏小' },
    });
    s.close();
  });

  it('stops proposing a colour the shopper turned down', () => {
    const { s } = demo.service('mirror');
    const v = gtinOf('KNI002', 'M');
    s.handleScan(scanBytes(CONSENTING));
    const before = s.handleScan(scanBytes(v.gtin)).suggestions.forYou;
    const after = s.react(v.sku, 'rejected', 'colour').suggestions.forYou;
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((i) => !i.sku.includes(`-${v.colour}-`))).toBe(true);
    expect(after).not.toEqual(before);
    s.close();
  });

  it('re-ranks around a garment liked now, naming it', () => {
    const { s } = demo.service('mirror');
    const v = gtinOf('COA005');
    s.handleScan(scanBytes(v.gtin));
    const view = s.react(v.sku, 'liked', null);
    expect(view.suggestions.forYou.some((i) => /^Because you liked the /.test(i.reason.en))).toBe(
      true,
    );
    expect(view.suggestions.forYou.some((i) => i.sku.startsWith('COA005-'))).toBe(false);
    s.close();
  });

  it('puts size advice with its counts on the card of a style that runs small, and none on a bag', () => {
    const small = stylesWith('runs-small')[0];
    if (!small) throw new Error('the demo history has no style that runs small');
    const { s } = demo.service('mirror');
    const card = s.handleScan(scanBytes(gtinOf(small).gtin)).cards[0];
    expect(card?.fit).toMatchObject({ verdict: 'runs-small', usualFrom: 'tried' });
    expect(card?.fit?.tooSmall ?? 0).toBeGreaterThan(card?.fit?.tooBig ?? 0);
    expect(card?.fit?.reasons).toBe((card?.fit?.tooSmall ?? 0) + (card?.fit?.tooBig ?? 0));
    const bag = s.handleScan(scanBytes(gtinOf('BAG001').gtin)).cards[0];
    expect(bag?.fit ?? null).toBeNull();
    s.close();
  });
});
