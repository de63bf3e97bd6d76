/**
 * Two stores (S1, S2) of one brand with a checkout each, one dress SKU in stock at both and two
 * members of S1; and the statements the HQ upkeep reviews feed them (a sale, a try-on, a unit
 * taken off stock), as SQL text for raw connections and transactions alike.
 */
export const TWO_STORES_SETUP = `
  INSERT INTO stores VALUES ('S1', 'a', 'a', 'Shanghai', 'Asia/Shanghai'), ('S2', 'b', 'b', 'Beijing', 'Asia/Shanghai');
  INSERT INTO devices (device_id, store_id, name, created_at) VALUES ('d1', 'S1', 'checkout', now()),
    ('d2', 'S2', 'checkout', now());
  INSERT INTO products VALUES ('DRE', '裙', 'Dress', 'dress', 'F', '', 'SS', 100, 'full');
  INSERT INTO variants VALUES ('DRE-S', 'DRE', '06970001000016', 'W', '白', 'White', 'S', 100);
  INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
    VALUES ('M1', 'regular', 0, 'S1', true, true, '2026-01-05'), ('M2', 'regular', 0, 'S1', true, true, '2026-02-05');
  INSERT INTO stock VALUES ('DRE-S', 'S1', 10), ('DRE-S', 'S2', 10);`;

const device = (store: string) => (store === 'S1' ? 'd1' : 'd2');

export const sale = (id: string, store: string, member: string, at: string) =>
  `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at)
   VALUES ('${id}', '${device(store)}', '${store}', '${member}', 0,
     '{"lines":[{"sku":"DRE-S","qty":1,"unitPriceCents":9900}]}'::jsonb, '${at}')`;

export const tryOn = (id: string, store: string, at: string, member: string | null = null) =>
  `INSERT INTO tryons (tryon_id, device_id, store_id, body, at, outcome, reason) VALUES ('${id}', '${device(store)}',
     '${store}', '${JSON.stringify({ sessionId: `s-${id}`, sku: 'DRE-S', memberId: member })}'::jsonb, '${at}', 'tried', NULL)`;

export const take = (store: string) =>
  `UPDATE stock SET on_hand = on_hand - 1 WHERE sku = 'DRE-S' AND location_id = '${store}'`;
