/**
 * Every garment a screen shows carries its picture: the mirror's cards and visit list, complete the
 * look and for you, the checkout's lines, the staff console's member panel purchases. A picture
 * the kiosk does not have yet is a reference without a hash (the screen's placeholder) with its alt
 * texts, and becomes a picture at the next view once it has arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageRef, SessionView } from '../../../bridge/views';
import { createCatalog } from '../../../core/catalog/lookup';
import { DataKey } from '../../../core/crypto/data-key';
import { ensureLocalModel } from '../../../core/recommend-store';
import { readOnly } from '../../../core/store/db';
import { openDemoDbWithImages, type TestDb } from '../../../test/support/db';
import { parseConfig } from '../../config';
import { createLogger } from '../../log';
import { createScreenService } from './screen-service';

const key = DataKey.generate();
let db: TestDb;
const bytes = (text: string) => new TextEncoder().encode(text);
const DRESS = '6970001000016'; // DRE001-WHT-XS
const MEMBER = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003, consented, has purchases

beforeAll(async () => {
  ({ db } = await openDemoDbWithImages(key));
  ensureLocalModel(db);
}, 60_000);
afterAll(() => db.close());

function service(role: 'mirror' | 'checkout' | 'staff') {
  const events: SessionView[] = [];
  const s = createScreenService({
    config: parseConfig({ storeId: 'S001', role, payment: 'sim' }),
    db,
    catalog: createCatalog(readOnly(db), 'S001'),
    key,
    log: createLogger(null, 'silent'),
    emit: (event, payload) => {
      if (event === 'session.changed') events.push(payload as SessionView);
    },
  });
  return { s, events };
}

const hashOf = (style: string, colour: string) =>
  (
    db.raw
      .prepare('SELECT hash FROM catalog_media WHERE style_id = ? AND color_code = ?')
      .get(style, colour) as { hash: string }
  ).hash;
const isPicture = (image: ImageRef | null | undefined) => /^[0-9a-f]{64}$/.test(image?.hash ?? '');

describe('garment pictures in the views', () => {
  it('the mirror card, the visit list and the suggestions have theirs, with alt texts', () => {
    const { s } = service('mirror');
    s.handleScan(bytes('6970001000023'));
    const view = s.handleScan(bytes(DRESS));
    expect(view.cards[0]?.image).toEqual({
      hash: hashOf('DRE001', 'WHT'),
      alt: { zh: expect.stringContaining('白色'), en: expect.stringContaining('White') },
    });
    expect(view.cards.every((c) => isPicture(c.image))).toBe(true);
    const suggested = [...view.suggestions.look, ...view.suggestions.forYou];
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.every((item) => isPicture(item.image))).toBe(true);
    s.close();
  });

  it('the checkout’s lines and the member panel’s purchases have theirs', async () => {
    const checkout = service('checkout').s;
    expect(checkout.handleScan(bytes(DRESS)).cart?.lines[0]?.image?.hash).toBe(
      hashOf('DRE001', 'WHT'),
    );
    checkout.close();
    const staff = service('staff').s;
    staff.handleScan(bytes('BADGE-1001'));
    await staff.staff.login('2468');
    const purchases = staff.handleScan(bytes(MEMBER)).staffDesk?.memberPanel?.profile
      ?.recentPurchases;
    expect(purchases?.length).toBeGreaterThan(0);
    expect(purchases?.every((p) => p.image === null || isPicture(p.image))).toBe(true);
    expect(purchases?.some((p) => isPicture(p.image))).toBe(true);
    staff.close();
  });

  it('an image not here yet is a placeholder with alt texts, filled in once it arrives', () => {
    const hash = hashOf('DRE001', 'WHT');
    const row = db.raw.prepare('SELECT * FROM media_blobs WHERE hash = ?').get(hash);
    db.raw.prepare('DELETE FROM media_blobs WHERE hash = ?').run(hash);
    const { s, events } = service('mirror');
    const view = s.handleScan(bytes(DRESS));
    expect(view.cards[0]?.image).toEqual({ hash: null, alt: expect.any(Object) });
    db.raw
      .prepare(
        'INSERT INTO media_blobs (hash, type, bytes, stored_at, used_at) VALUES (@hash, @type, @bytes, @stored_at, @used_at)',
      )
      .run(row);
    s.mediaChanged();
    expect(events.at(-1)?.cards[0]?.image?.hash).toBe(hash);
    s.close();
  });
});
