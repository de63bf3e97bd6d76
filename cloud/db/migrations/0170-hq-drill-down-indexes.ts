/**
 * Indexes for the HQ drill-downs that page rows in an order no existing index gave (bench
 * hq-scale, 500 stores, 10 M try-ons):
 * - a store's stock in SKU order (the primary key leads with the SKU): was a scan and sort of
 *   1.8 M rows per page, 0.5–1.0 s;
 * - fitting-room visits newest first, brand-wide or for one store (hq_visits had only its key):
 *   was a scan and sort of up to 2.9 M visits, 0.4–1.8 s.
 */
export const sql = `
CREATE INDEX stock_location_sku ON stock (location_id, sku);
CREATE INDEX hq_visits_day ON hq_visits (day DESC, session_id);
CREATE INDEX hq_visits_store_day ON hq_visits (store_id, day DESC, session_id);
`;
