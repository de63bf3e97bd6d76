import { describe, expect, it } from 'vitest';

import { useDemoScreens, scanBytes } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;

const bytes = scanBytes;
const mirror = () => demo.service('mirror').s;
const { count } = demo;

describe('ordering a size that is not here', () => {
  it('reserves in the other store with most stock, or ships from online; both sync as placeOrder', () => {
    const s = mirror();
    const view = s.handleScan(bytes('6970001000016'));
    const size = view.cards[0]!.sizes.find((x) => x.otherStores > 0 && x.online > 0)!;
    expect(s.order(size.sku, 'reserve-in-store', 'pickup-there').notice?.key).toBe(
      'order-needs-member',
    );
    s.handleScan(bytes('MBR1.4N433GGMT6TCPAR4CTQP'));
    const reserved = s.order(size.sku, 'reserve-in-store', 'pickup-there');
    expect(reserved.notice?.key).toBe('order-placed');
    expect(reserved.orders[0]).toMatchObject({ sku: size.sku, kind: 'reserve-in-store' });
    expect(reserved.orders[0]?.from?.zh.length).toBeGreaterThan(0);
    const row = db.raw
      .prepare('SELECT from_location, member_id FROM orders WHERE order_id = ?')
      .get(reserved.orders[0]!.orderId) as { from_location: string; member_id: string };
    const best = db.raw
      .prepare(
        "SELECT location_id FROM stock WHERE sku = ? AND location_id NOT IN ('S001','ONLINE') ORDER BY on_hand DESC, location_id LIMIT 1",
      )
      .get(size.sku) as { location_id: string };
    expect(row).toEqual({ from_location: best.location_id, member_id: 'M000003' });
    expect(s.order(size.sku, 'ship-from-online', 'home').notice?.key).toBe('invalid'); // once a visit

    const other =
      size.sku === view.cards[0]!.sizes.at(-1)!.sku
        ? view.cards[0]!.sizes[0]!
        : view.cards[0]!.sizes.at(-1)!;
    if (other.online > 0) {
      const shipped = s.order(other.sku, 'ship-from-online', 'home');
      expect(shipped.orders.at(-1)).toMatchObject({ kind: 'ship-from-online', from: null });
    }
    expect(s.order(other.sku, 'reserve-in-store', 'home').notice?.key).toBe('invalid');
    const outbox = count("SELECT count(*) AS n FROM outbox WHERE mutation = 'placeOrder'");
    expect(outbox).toBe(count('SELECT count(*) AS n FROM orders'));
    s.end();
    expect(s.current().orders).toEqual([]);
    s.close();
  });
});
