/**
 * - `member_aliases`: every provisional id a kiosk gave a member it registered offline → the
 *   permanent member it became (a new member, or an existing one merged by phone). Any mutation
 *   naming a provisional `memberId` is applied to the permanent member.
 * - `member_photos`: try-on photos a member asked to send to their account (`attachPhoto`), one
 *   row per photo id (a resend is a duplicate).
 * - `staff.disabled_at`: a badge disabled in the cloud; the config stream says `disabled: true` and
 *   the kiosk refuses it.
 * - `device_tokens.first_used_at`: a rotated-away token is retired only once its successor has
 *   been used (so the kiosk provably stored it); a successor never used never locks a kiosk out.
 */
export const sql = `
CREATE TABLE member_aliases (provisional_id text PRIMARY KEY, member_id text NOT NULL REFERENCES members,
  merged boolean NOT NULL, created_at timestamptz NOT NULL);
CREATE INDEX member_aliases_member ON member_aliases (member_id);
INSERT INTO member_aliases (provisional_id, member_id, merged, created_at)
  SELECT provisional_key, member_id, false, now() FROM members WHERE provisional_key IS NOT NULL;
CREATE TABLE member_photos (photo_id text PRIMARY KEY, member_id text NOT NULL REFERENCES members,
  jpeg bytea NOT NULL, sha256 text NOT NULL, taken_at timestamptz NOT NULL, device_id text NOT NULL,
  received_at timestamptz NOT NULL);
CREATE INDEX member_photos_member ON member_photos (member_id, taken_at);
ALTER TABLE device_tokens ADD COLUMN first_used_at timestamptz;
UPDATE device_tokens SET first_used_at = created_at;
ALTER TABLE staff ADD COLUMN disabled_at timestamptz;
`;
