/**
 * Review of the `media` stream's rows: a delete whose key has no "/" was split at -1 and deleted
 * style `key minus its last character` in colour `key`; it is now skipped as not fitting.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { applyMediaRow } from './media-rows';
import { testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
beforeEach(() => {
  k = testKiosk();
  k.db.exec(`
    INSERT INTO catalog_media VALUES ('AB', 'ABC', '${'a'.repeat(64)}', 'image/svg+xml', 10, 'a', 'a');
  `);
});
afterEach(() => k.remove());

it('skips a delete whose key is not style/colour, deleting nothing', () => {
  expect(applyMediaRow(k.db, { key: 'ABC', op: 'delete', data: null })).toBe(false);
  expect(k.db.raw.prepare('SELECT count(*) AS n FROM catalog_media').get()).toEqual({ n: 1 });
  expect(applyMediaRow(k.db, { key: 'AB/ABC', op: 'delete', data: null })).toBe(true);
  expect(k.db.raw.prepare('SELECT count(*) AS n FROM catalog_media').get()).toEqual({ n: 0 });
});
