/**
 * Migration 0150 (HQ rollup upkeep), part: The helpers every upkeep trigger uses: the bulk-load switch, the store's day and hour (the
 * brand's time zone), a member's join month and the per-member advisory lock.
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const helpersSql = `
CREATE FUNCTION hq_bulk() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('hq.bulk', true), '') = 'on' $$;
CREATE FUNCTION hq_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date $$;
CREATE FUNCTION hq_hour(ts timestamptz) RETURNS smallint LANGUAGE sql IMMUTABLE AS
  $$ SELECT extract(hour FROM ts AT TIME ZONE 'Asia/Shanghai')::smallint $$;
CREATE FUNCTION hq_join_month(joined_on text) RETURNS date LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN joined_on ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN date_trunc('month', joined_on::date)::date END $$;
CREATE FUNCTION hq_member_lock(member_key text) RETURNS void LANGUAGE sql AS
  $$ SELECT pg_advisory_xact_lock(hashtext('hq-member:' || member_key)) $$;
`;
