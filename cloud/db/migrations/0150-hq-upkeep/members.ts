/**
 * Migration 0150 (HQ rollup upkeep), part: Member facts: members per home store, tier and consent; an erasure re-keys the member's
 * analytics rows.
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const memberUpkeepSql = `
CREATE FUNCTION hq_store_members_apply(m members, s int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hq_store_members AS t VALUES (coalesce(m.home_store, '-'), m.tier, s, s * m.consent_profile::int,
    s * m.consent_marketing::int, s * m.consent_photo::int)
  ON CONFLICT (home_store, tier) DO UPDATE SET members = t.members + EXCLUDED.members,
    consent_profile = t.consent_profile + EXCLUDED.consent_profile,
    consent_marketing = t.consent_marketing + EXCLUDED.consent_marketing,
    consent_photo = t.consent_photo + EXCLUDED.consent_photo $$;

CREATE FUNCTION hq_on_member_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_join date := hq_join_month(NEW.joined_on);
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF NOT NEW.erased THEN PERFORM hq_store_members_apply(NEW, 1); END IF;
  IF v_join IS NOT NULL THEN
    INSERT INTO hq_new_members_day AS t VALUES (NEW.joined_on::date, coalesce(NEW.home_store, '-'), 1)
      ON CONFLICT (day, home_store) DO UPDATE SET members = t.members + 1;
    INSERT INTO hq_cohort_sizes AS t VALUES (v_join, coalesce(NEW.home_store, '-'), 1)
      ON CONFLICT (join_month, home_store) DO UPDATE SET members = t.members + 1;
  END IF;
  RETURN NULL;
END $$;

-- Consent, tier or home store changed, or the member was erased. Erasure gives every analytics row
-- of the member one fresh random key: the counts stay, nothing points back to the person.
CREATE FUNCTION hq_on_member_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_anon text;
BEGIN
  IF hq_bulk() THEN RETURN NULL; END IF;
  IF NOT OLD.erased THEN PERFORM hq_store_members_apply(OLD, -1); END IF;
  IF NOT NEW.erased THEN PERFORM hq_store_members_apply(NEW, 1); END IF;
  IF NEW.erased AND NOT OLD.erased THEN
    PERFORM hq_member_lock(OLD.member_id);
    v_anon := 'anon:' || gen_random_uuid();
    UPDATE hq_garments SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_sale_lines SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_member_month SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE hq_rfm_members SET member_key = v_anon WHERE member_key = OLD.member_id;
    UPDATE tryons SET body = jsonb_set(body, '{memberId}', to_jsonb(v_anon))
      WHERE body->>'memberId' = OLD.member_id;
  END IF;
  RETURN NULL;
END $$;
`;
