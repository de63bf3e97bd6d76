/**
 * Campaigns (issue 13): a marketing offer to RFM segments × home stores × tiers of members who
 * consented to marketing, with a random control group held out and recorded at launch.
 *
 * - `campaigns`: the definition and its schedule; `coupon_code` is set at launch.
 * - `campaign_members`: who was targeted at launch and in which arm. Only the treatment arm gets
 *   the offer (through the member's `members` stream row, `offers`); the control arm is recorded
 *   so the result compares like with like. `valid_from`/`valid_to` are the member's own window
 *   (the campaign's schedule, or their birthday month inside it).
 * - `coupons.campaign_id`: a campaign's coupon is a coupon like any other for redemption, but it is
 *   not served by the brand-wide `coupons` stream: only the treatment members' rows carry it.
 */
export const sql = `
ALTER TABLE coupons ADD COLUMN campaign_id text;
CREATE TABLE campaigns (campaign_id text PRIMARY KEY CHECK (campaign_id ~ '^CMP[0-9]{4,}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  segments jsonb NOT NULL, stores jsonb NOT NULL, tiers jsonb NOT NULL,
  offer_kind text NOT NULL CHECK (offer_kind IN ('amount', 'percent', 'points_multiplier')),
  offer_value int NOT NULL CHECK (offer_value > 0), min_spend_cents int NOT NULL CHECK (min_spend_cents >= 0),
  title_zh text NOT NULL, title_en text NOT NULL,
  starts_on date NOT NULL, ends_on date NOT NULL, birthday_month boolean NOT NULL,
  control_pct int NOT NULL CHECK (control_pct BETWEEN 0 AND 50),
  created_by text NOT NULL, created_at timestamptz NOT NULL,
  coupon_code text UNIQUE REFERENCES coupons, launched_at timestamptz, launched_by text, rfm_month date,
  CHECK (ends_on >= starts_on));
CREATE SEQUENCE campaign_no START 1;
CREATE TABLE campaign_members (campaign_id text NOT NULL REFERENCES campaigns, member_id text NOT NULL REFERENCES members,
  arm text NOT NULL CHECK (arm IN ('treatment', 'control')), home_store text NOT NULL,
  valid_from date NOT NULL, valid_to date NOT NULL, PRIMARY KEY (campaign_id, member_id));
CREATE INDEX campaign_members_offers ON campaign_members (member_id) WHERE arm = 'treatment';
`;
