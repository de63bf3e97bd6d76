import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, queryPlan, read } from './test-support';

describe('0130-photo-send', () => {
  it('adds send_requested_at to photos at 130, keeping the photos, and finds those to send by index', () => {
    const db = databaseAt(120);
    db.exec(`INSERT INTO photos (photo_id, image_enc, consented_at, created_at)
      VALUES ('P1', x'00', 't', 't')`);
    migrateTo(db, 130);
    expect(read(db, 'SELECT send_requested_at FROM photos')).toEqual([{ send_requested_at: null }]);
    expect(
      queryPlan(
        db,
        'SELECT photo_id FROM photos WHERE send_requested_at IS NOT NULL AND sent_at IS NULL ORDER BY send_requested_at',
      ),
    ).toContain('photos_to_send');
  });
});
