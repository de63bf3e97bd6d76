/** Reference data, members, devices and auth. */
export const sql = `
CREATE TABLE stores (store_id text PRIMARY KEY, name_zh text NOT NULL, name_en text NOT NULL, city text NOT NULL, timezone text NOT NULL);
CREATE TABLE tiers (tier text PRIMARY KEY, name_zh text NOT NULL, name_en text NOT NULL, discount_pct int NOT NULL,
  points_per_yuan int NOT NULL, min_annual_spend_yuan int NOT NULL);
CREATE TABLE products (style_id text PRIMARY KEY, name_zh text NOT NULL, name_en text NOT NULL, category text NOT NULL,
  gender text NOT NULL, style_tags text NOT NULL, season text NOT NULL, list_price_cents int NOT NULL, outfit_slot text NOT NULL);
CREATE TABLE variants (sku text PRIMARY KEY, style_id text NOT NULL REFERENCES products, gtin text UNIQUE NOT NULL,
  color_code text NOT NULL, color_zh text NOT NULL, color_en text NOT NULL, size text NOT NULL, price_cents int NOT NULL);
CREATE TABLE stock (sku text NOT NULL, location_id text NOT NULL, on_hand int NOT NULL, PRIMARY KEY (sku, location_id));
CREATE TABLE staff (staff_id text PRIMARY KEY, name text NOT NULL, role text NOT NULL, badge_no text UNIQUE NOT NULL,
  pin_hash text NOT NULL, store_id text NOT NULL);
CREATE TABLE coupons (code text PRIMARY KEY, title_zh text NOT NULL, title_en text NOT NULL, kind text NOT NULL,
  value int NOT NULL, min_spend_cents int NOT NULL, valid_from date NOT NULL, valid_to date NOT NULL,
  min_tier text NOT NULL, single_use boolean NOT NULL);
CREATE SEQUENCE member_no START 900001;
CREATE TABLE members (member_id text PRIMARY KEY, card_no text UNIQUE, qr_token text UNIQUE, name text,
  phone_masked text, phone_hash text UNIQUE, gender text, tier text NOT NULL, points int NOT NULL CHECK (points >= 0),
  birthday text, home_store text, consent_profile boolean NOT NULL, consent_marketing boolean NOT NULL,
  consent_photo boolean NOT NULL DEFAULT false, joined_on text, erased boolean NOT NULL DEFAULT false,
  provisional_key text UNIQUE);
CREATE INDEX members_home_store ON members (home_store);
CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL);

CREATE TABLE enrollment_codes (code_hash text PRIMARY KEY, store_id text NOT NULL REFERENCES stores,
  created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz, device_id text);
CREATE TABLE devices (device_id text PRIMARY KEY, store_id text NOT NULL REFERENCES stores, name text NOT NULL,
  role text, epoch text, last_seq bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL, revoked_at timestamptz);
CREATE TABLE device_epochs (device_id text NOT NULL REFERENCES devices, epoch text NOT NULL, last_seq bigint NOT NULL,
  retired_at timestamptz NOT NULL, PRIMARY KEY (device_id, epoch));
CREATE TABLE device_tokens (token_hash text PRIMARY KEY, device_id text NOT NULL REFERENCES devices,
  created_at timestamptz NOT NULL, expires_at timestamptz);
CREATE INDEX device_tokens_device ON device_tokens (device_id);
`;
