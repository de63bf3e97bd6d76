/**
 * What the HQ console reads. Two kinds of tables, both written only by the triggers of migration
 * 150 (in the transaction of the mutation that changed an event table) or by the set-based
 * recompute (cloud/hq/rollups/recompute.ts):
 *
 * - Analytics facts, one row per thing that happened, keyed for the attribution look-ups:
 *   `hq_sale_lines` (a sale line in any channel, with the member's home store and join month),
 *   `hq_garments` (a garment tried in a visit: what the shopper did with it, the last reason given,
 *   and how it was bought: in that visit's basket, or by the same member within 7 days in a store,
 *   online or in the mini-program), `hq_visits` (a fitting-room session: its store and the day of
 *   its first garment), `hq_size_requests` (a size asked for at the mirror, and whether this store
 *   had it in stock at that moment). A member's key is their member id; when the member is erased
 *   every row of theirs gets one fresh random key (`anon:<uuid>`), so counts stay and nothing links
 *   back to the person.
 * - Rollups: counters by day (brand time zone, Asia/Shanghai) and dimension, at the grains the
 *   console reads: per store (store-first keys, for a store or a city) and brand-wide (for "all
 *   stores" without touching 500 stores' rows). Category and season cells of the sales cube use
 *   '*' for "all", so one row answers each filter combination exactly (an order with a dress and
 *   a coat counts once under '*', once under each category).
 *
 * `sales.channel` says where a sale happened: 'store' (a kiosk), 'online' or 'miniapp' (imported
 * from the brand's online channels; their location is ONLINE).
 */
export const sql = `
ALTER TABLE sales ADD COLUMN channel text NOT NULL DEFAULT 'store' CHECK (channel IN ('store', 'online', 'miniapp'));
-- an erasure finds the member's try-on events through this (only member try-ons are indexed)
CREATE INDEX tryons_member ON tryons ((body->>'memberId')) WHERE body->>'memberId' IS NOT NULL;

CREATE TABLE hq_sale_lines (sale_id text NOT NULL, line_no int NOT NULL, location_id text NOT NULL,
  channel text NOT NULL, sold_at timestamptz NOT NULL, day date NOT NULL, sku text NOT NULL, style_id text NOT NULL,
  qty int NOT NULL, net_cents bigint NOT NULL, is_member boolean NOT NULL, member_key text, member_home text,
  member_join_month date, PRIMARY KEY (sale_id, line_no));
-- drill-down pages are newest first: (…, sold_at) lets them stop after a page
CREATE INDEX hq_sale_lines_location ON hq_sale_lines (location_id, sold_at);
CREATE INDEX hq_sale_lines_style ON hq_sale_lines (style_id, sold_at);
CREATE INDEX hq_sale_lines_sold ON hq_sale_lines (sold_at, sale_id);
CREATE INDEX hq_sale_lines_member ON hq_sale_lines (member_key, style_id, sold_at) WHERE member_key IS NOT NULL;

CREATE TABLE hq_garments (session_id text NOT NULL, sku text NOT NULL, store_id text NOT NULL,
  first_at timestamptz NOT NULL, day date NOT NULL, style_id text NOT NULL, member_key text,
  liked boolean NOT NULL, rejected boolean NOT NULL, size_swap boolean NOT NULL, bought_visit boolean NOT NULL,
  reason text, reason_at timestamptz,
  bought_via text CHECK (bought_via IN ('visit', 'store', 'online', 'miniapp')), bought_at timestamptz,
  bought_sale text, PRIMARY KEY (session_id, sku));
CREATE INDEX hq_garments_store ON hq_garments (store_id, first_at);
CREATE INDEX hq_garments_style ON hq_garments (style_id, first_at);
CREATE INDEX hq_garments_first ON hq_garments (first_at);
CREATE INDEX hq_garments_member ON hq_garments (member_key, style_id, first_at) WHERE member_key IS NOT NULL;

CREATE TABLE hq_visits (session_id text PRIMARY KEY, day date NOT NULL, store_id text NOT NULL);

CREATE TABLE hq_size_requests (request_id text PRIMARY KEY, store_id text NOT NULL, sku text NOT NULL,
  day date NOT NULL, out_of_stock boolean NOT NULL);

CREATE TABLE hq_sales_cube (category text NOT NULL, season text NOT NULL, location_id text NOT NULL, day date NOT NULL,
  channel text NOT NULL, orders int NOT NULL, units int NOT NULL, net_cents bigint NOT NULL,
  member_orders int NOT NULL, member_net_cents bigint NOT NULL,
  PRIMARY KEY (category, season, location_id, day, channel));
CREATE TABLE hq_sales_cube_all (category text NOT NULL, season text NOT NULL, day date NOT NULL, channel text NOT NULL,
  orders int NOT NULL, units int NOT NULL, net_cents bigint NOT NULL, member_orders int NOT NULL,
  member_net_cents bigint NOT NULL, PRIMARY KEY (category, season, day, channel));
CREATE TABLE hq_sales_hour_all (day date NOT NULL, channel text NOT NULL, hour smallint NOT NULL, orders int NOT NULL,
  units int NOT NULL, net_cents bigint NOT NULL, member_orders int NOT NULL, member_net_cents bigint NOT NULL,
  PRIMARY KEY (day, channel, hour));
CREATE TABLE hq_sales_hour (location_id text NOT NULL, day date NOT NULL, channel text NOT NULL, hour smallint NOT NULL,
  orders int NOT NULL, units int NOT NULL, net_cents bigint NOT NULL, member_orders int NOT NULL,
  member_net_cents bigint NOT NULL, PRIMARY KEY (location_id, day, channel, hour));
CREATE TABLE hq_style_sales_day (location_id text NOT NULL, day date NOT NULL, channel text NOT NULL,
  style_id text NOT NULL, units int NOT NULL, net_cents bigint NOT NULL, lines int NOT NULL,
  PRIMARY KEY (location_id, day, channel, style_id));
CREATE TABLE hq_style_sales_all (day date NOT NULL, channel text NOT NULL, style_id text NOT NULL, units int NOT NULL,
  net_cents bigint NOT NULL, lines int NOT NULL, PRIMARY KEY (day, channel, style_id));
-- tries = garments of the style tried at this store after its last sale here ("tried, not bought")
CREATE TABLE hq_style_store (location_id text NOT NULL, style_id text NOT NULL, on_hand bigint NOT NULL,
  last_sold_at timestamptz, tries int NOT NULL DEFAULT 0, PRIMARY KEY (location_id, style_id));
-- slow movers are listed by stock held, largest first: this index lets that list stop early
CREATE INDEX hq_style_store_held ON hq_style_store (on_hand DESC) WHERE on_hand > 0;
-- stock by style for the whole brand, stores apart from ONLINE
CREATE TABLE hq_style_stock_all (style_id text NOT NULL, online boolean NOT NULL, on_hand bigint NOT NULL,
  PRIMARY KEY (style_id, online));

-- The same try-on counters at three grains: store × day × SKU (a store's own numbers, a style's
-- colours and sizes), brand × day × style and store × day (brand-wide pages without scanning
-- every store's SKUs).
CREATE TABLE hq_tryon_day (store_id text NOT NULL, day date NOT NULL, sku text NOT NULL, garments int NOT NULL,
  liked_or_bought int NOT NULL, rejected int NOT NULL, size_swaps int NOT NULL, bought_visit int NOT NULL,
  bought_store int NOT NULL, bought_online int NOT NULL, bought_miniapp int NOT NULL, too_small int NOT NULL,
  too_big int NOT NULL, colour int NOT NULL, style int NOT NULL, price int NOT NULL,
  PRIMARY KEY (store_id, day, sku));
CREATE INDEX hq_tryon_day_sku ON hq_tryon_day (sku, day);
CREATE TABLE hq_tryon_style_all (day date NOT NULL, style_id text NOT NULL, garments int NOT NULL,
  liked_or_bought int NOT NULL, rejected int NOT NULL, size_swaps int NOT NULL, bought_visit int NOT NULL,
  bought_store int NOT NULL, bought_online int NOT NULL, bought_miniapp int NOT NULL, too_small int NOT NULL,
  too_big int NOT NULL, colour int NOT NULL, style int NOT NULL, price int NOT NULL,
  PRIMARY KEY (day, style_id));
CREATE TABLE hq_tryon_store_day (store_id text NOT NULL, day date NOT NULL, sessions int NOT NULL, garments int NOT NULL,
  liked_or_bought int NOT NULL, rejected int NOT NULL, size_swaps int NOT NULL, bought_visit int NOT NULL,
  bought_store int NOT NULL, bought_online int NOT NULL, bought_miniapp int NOT NULL, too_small int NOT NULL,
  too_big int NOT NULL, colour int NOT NULL, style int NOT NULL, price int NOT NULL,
  PRIMARY KEY (store_id, day));
CREATE TABLE hq_size_requests_day (store_id text NOT NULL, day date NOT NULL, sku text NOT NULL,
  requests int NOT NULL, out_of_stock int NOT NULL, brought int NOT NULL, bring_seconds bigint NOT NULL,
  PRIMARY KEY (store_id, day, sku));

CREATE TABLE hq_member_month (member_key text NOT NULL, month date NOT NULL, home_store text NOT NULL,
  join_month date, orders int NOT NULL, units int NOT NULL, net_cents bigint NOT NULL, last_at timestamptz NOT NULL,
  PRIMARY KEY (member_key, month));
CREATE INDEX hq_member_month_month ON hq_member_month (month, home_store);
-- per month and home store: members who bought, and those with 2+ orders in that month
CREATE TABLE hq_repeat_month (month date NOT NULL, home_store text NOT NULL, buyers int NOT NULL, repeaters int NOT NULL,
  PRIMARY KEY (month, home_store));
CREATE TABLE hq_cohorts (join_month date NOT NULL, home_store text NOT NULL, month date NOT NULL, members int NOT NULL,
  PRIMARY KEY (join_month, home_store, month));
CREATE TABLE hq_cohort_sizes (join_month date NOT NULL, home_store text NOT NULL, members int NOT NULL,
  PRIMARY KEY (join_month, home_store));
CREATE TABLE hq_new_members_day (day date NOT NULL, home_store text NOT NULL, members int NOT NULL,
  PRIMARY KEY (day, home_store));
CREATE TABLE hq_store_members (home_store text NOT NULL, tier text NOT NULL, members int NOT NULL,
  consent_profile int NOT NULL, consent_marketing int NOT NULL, consent_photo int NOT NULL,
  PRIMARY KEY (home_store, tier));
CREATE TABLE hq_nps_week (week date NOT NULL, store_id text NOT NULL, responses int NOT NULL, promoters int NOT NULL,
  passives int NOT NULL, detractors int NOT NULL, PRIMARY KEY (week, store_id));

-- RFM is relative (quintiles over all members), so it is a snapshot per month computed from
-- hq_member_month, not a per-mutation counter (cloud/hq/rollups/rfm-snapshots.ts).
CREATE TABLE hq_rfm_snapshots (month date PRIMARY KEY, as_of date NOT NULL, computed_at timestamptz NOT NULL);
CREATE TABLE hq_rfm_members (month date NOT NULL REFERENCES hq_rfm_snapshots ON DELETE CASCADE, member_key text NOT NULL,
  home_store text NOT NULL, segment text NOT NULL, r smallint NOT NULL, f smallint NOT NULL, m smallint NOT NULL,
  recency_days int NOT NULL, frequency int NOT NULL, monetary_cents bigint NOT NULL, PRIMARY KEY (month, member_key));
CREATE INDEX hq_rfm_members_segment ON hq_rfm_members (month, home_store, segment);
CREATE INDEX hq_rfm_members_member ON hq_rfm_members (member_key);
CREATE TABLE hq_rfm_segments (month date NOT NULL REFERENCES hq_rfm_snapshots ON DELETE CASCADE, home_store text NOT NULL,
  segment text NOT NULL, members int NOT NULL, monetary_cents bigint NOT NULL, PRIMARY KEY (month, home_store, segment));
CREATE TABLE hq_rfm_moves (month date NOT NULL REFERENCES hq_rfm_snapshots ON DELETE CASCADE, home_store text NOT NULL,
  from_segment text NOT NULL, to_segment text NOT NULL, members int NOT NULL,
  PRIMARY KEY (month, home_store, from_segment, to_segment));
`;
