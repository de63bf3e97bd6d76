import type { Migration } from './types';

/**
 * Personal values of outbox arguments move out of `args` (clear JSON) into `sealed_args`, sealed
 * with the data key (core/outbox/personal-args.ts). `personal_erased_at` marks a row whose sealed
 * values an erasure deleted, so the push knows they are gone on purpose. Rows already queued are
 * sealed when the kiosk next opens with its key (`sealLegacyPersonalArgs`).
 */
export const migration0230: Migration = {
  version: 230,
  name: 'outbox-sealed-args',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN sealed_args BLOB;
      ALTER TABLE outbox ADD COLUMN personal_erased_at TEXT;
    `);
  },
};
