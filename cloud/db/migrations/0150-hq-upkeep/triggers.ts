/**
 * Migration 0150 (HQ rollup upkeep), part: The triggers that call the families' functions, and the backfill request for events that
 * predate the migration.
 * Applied databases ran this text: never edit it; a change is a new migration.
 */
export const upkeepTriggersSql = `
CREATE TRIGGER hq_before_tryon BEFORE INSERT ON tryons FOR EACH ROW EXECUTE FUNCTION hq_before_tryon();
CREATE TRIGGER hq_tryon AFTER INSERT ON tryons FOR EACH ROW EXECUTE FUNCTION hq_on_tryon();
CREATE TRIGGER hq_sale AFTER INSERT ON sales FOR EACH ROW EXECUTE FUNCTION hq_on_sale();
CREATE TRIGGER hq_member_insert AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION hq_on_member_insert();
CREATE TRIGGER hq_member_update AFTER UPDATE OF tier, home_store, consent_profile, consent_marketing, consent_photo, erased
  ON members FOR EACH ROW
  WHEN ((OLD.tier, OLD.home_store, OLD.consent_profile, OLD.consent_marketing, OLD.consent_photo, OLD.erased)
    IS DISTINCT FROM (NEW.tier, NEW.home_store, NEW.consent_profile, NEW.consent_marketing, NEW.consent_photo, NEW.erased))
  EXECUTE FUNCTION hq_on_member_update();
CREATE TRIGGER hq_nps AFTER INSERT ON nps FOR EACH ROW EXECUTE FUNCTION hq_on_nps();
CREATE TRIGGER hq_size_request AFTER INSERT ON staff_requests FOR EACH ROW
  WHEN (NEW.kind = 'size' AND NEW.sku IS NOT NULL) EXECUTE FUNCTION hq_on_size_request();
CREATE TRIGGER hq_size_request_done AFTER UPDATE OF status ON staff_requests FOR EACH ROW
  WHEN (NEW.kind = 'size' AND NEW.sku IS NOT NULL AND NEW.status = 'done' AND OLD.status <> 'done')
  EXECUTE FUNCTION hq_on_size_request();
CREATE TRIGGER hq_stock AFTER INSERT OR UPDATE OF on_hand OR DELETE ON stock FOR EACH ROW
  EXECUTE FUNCTION hq_on_stock();

-- events already in the database get their rollups at the next start (cloud/hq/rollups/backfill.ts)
CREATE TABLE hq_backfill (requested_at timestamptz NOT NULL);
INSERT INTO hq_backfill VALUES (now());
`;
