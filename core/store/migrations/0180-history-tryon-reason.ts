import type { Migration } from './types';

/**
 * The "not for me" reason of a past try-on, as the brand's export now writes it (too small, too
 * big, colour, style, price; a size swap says which way). NULL when the shopper gave none. The
 * recommender and the fit signal read it; older rows stay NULL.
 */
export const migration0180: Migration = {
  version: 180,
  name: 'history-tryon-reason',
  up(db) {
    db.exec(`
      ALTER TABLE history_tryons ADD COLUMN reason TEXT
        CHECK (reason IS NULL OR reason IN ('too-small', 'too-big', 'colour', 'style', 'price'));
    `);
  },
};
