/**
 * The member drill-downs read a page through an index in their own order (issue 12: HQ API p95
 * at 10 M try-ons, 200,000 members):
 * - RFM movement: one row per member of a month's snapshot or the month before's, with both
 *   segments, stored when the month's snapshot is computed (cloud/hq/rollups/rfm-snapshots.ts,
 *   from the same join as the per-store `hq_rfm_moves` counts). The drill-down joined the two
 *   snapshots in full (~400,000 rows) and sorted them by value for every page: 0.4–1.3 s. An
 *   erasure gives the member's movement rows a fresh random key, like every analytics row.
 * - member × month, most valuable first within a month, brand-wide; by home store and month for a
 *   store's members (the month-first index made a store's year a scan of every member's months).
 * - members newest first, brand-wide and by home store (the drill-down filters on
 *   coalesce(home_store, '-'), which the plain home-store index does not serve).
 * - cohorts by join month and month: the members view's retention table grouped every cohort's
 *   months (~300,000 rows at 200,000 members) to keep the 12 latest cohorts.
 * Snapshots already computed get their movement rows here.
 */
const LABEL = "(CASE WHEN member_key LIKE 'anon:%' THEN 'erased' ELSE member_key END)";

export const sql = `
CREATE TABLE hq_rfm_movement (month date NOT NULL REFERENCES hq_rfm_snapshots ON DELETE CASCADE,
  member_key text NOT NULL, home_store text NOT NULL, segment text NOT NULL, previous_segment text NOT NULL,
  r smallint, f smallint, m smallint, recency_days int, frequency int, monetary_cents bigint,
  PRIMARY KEY (month, member_key));
CREATE INDEX hq_rfm_movement_value ON hq_rfm_movement (month, monetary_cents DESC NULLS LAST, ${LABEL});
CREATE INDEX hq_rfm_movement_segment ON hq_rfm_movement (month, segment, monetary_cents DESC NULLS LAST, ${LABEL});
CREATE INDEX hq_rfm_movement_store ON hq_rfm_movement (month, home_store);
CREATE INDEX hq_rfm_movement_member ON hq_rfm_movement (member_key);

INSERT INTO hq_rfm_movement
SELECT s.month, coalesce(x.member_key, x.p_key), coalesce(x.home_store, x.p_home), coalesce(x.segment, 'none'),
  coalesce(x.p_segment, 'none'), x.r, x.f, x.m, x.recency_days, x.frequency, x.monetary_cents
FROM hq_rfm_snapshots s CROSS JOIN LATERAL (
  SELECT c.member_key, c.home_store, c.segment, c.r, c.f, c.m, c.recency_days, c.frequency, c.monetary_cents,
    p.member_key AS p_key, p.home_store AS p_home, p.segment AS p_segment
  FROM (SELECT * FROM hq_rfm_members WHERE month = s.month) c
  FULL JOIN (SELECT * FROM hq_rfm_members WHERE month = (s.month - interval '1 month')::date) p
    ON p.member_key = c.member_key) x;

CREATE FUNCTION hq_on_member_erased_movement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE hq_rfm_movement SET member_key = 'anon:' || gen_random_uuid() WHERE member_key = OLD.member_id;
  RETURN NULL;
END $$;
CREATE TRIGGER hq_member_erased_movement AFTER UPDATE OF erased ON members FOR EACH ROW
  WHEN (NEW.erased AND NOT OLD.erased) EXECUTE FUNCTION hq_on_member_erased_movement();

CREATE INDEX hq_member_month_value ON hq_member_month (month DESC, net_cents DESC, member_key);
CREATE INDEX hq_member_month_store ON hq_member_month (home_store, month);
-- the members view's retention table reads the 12 latest cohorts' last 12 months, not every cohort's
CREATE INDEX hq_cohorts_join_month ON hq_cohorts (join_month, month) INCLUDE (members);
CREATE INDEX members_joined ON members (joined_on DESC NULLS LAST, member_id);
CREATE INDEX members_store_joined ON members ((coalesce(home_store, '-')), joined_on DESC NULLS LAST, member_id);
`;
