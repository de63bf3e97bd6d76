import { describe, expect, it } from 'vitest';
import { databaseAt, migrateTo, read, seedStoreAndStyle } from './test-support';

describe('0020-reference', () => {
  it('adds channels, tiers and coupons; a coupon needs a known tier and a valid kind and range', () => {
    const db = databaseAt(10);
    seedStoreAndStyle(db);
    migrateTo(db, 20);
    expect(read(db, 'SELECT count(*) AS n FROM products')).toEqual([{ n: 1 }]);
    db.exec(`INSERT INTO channels VALUES ('ONLINE','官方商城','Online store')`);
    db.exec(`INSERT INTO tiers VALUES ('gold','金卡','Gold',5,2,8000)`);
    expect(() => db.exec(`INSERT INTO tiers VALUES ('x','x','x',101,1,0)`)).toThrow(/CHECK/);
    const coupon = db.prepare('INSERT INTO coupons VALUES (?,?,?,?,?,?,?,?,?,?)');
    coupon.run('G', '券', 'C', 'percent', 10, 0, '2026-01-01', '2026-12-31', 'gold', 0);
    expect(() =>
      coupon.run('H', '券', 'C', 'percent', 10, 0, '2026-01-01', '2026-12-31', 'tin', 0),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      coupon.run('I', '券', 'C', 'bogo', 10, 0, '2026-01-01', '2026-12-31', 'gold', 0),
    ).toThrow(/CHECK/);
    expect(() =>
      coupon.run('J', '券', 'C', 'amount', 10, 0, '2026-12-31', '2026-01-01', 'gold', 0),
    ).toThrow(/CHECK/);
  });
});
