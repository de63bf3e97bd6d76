/**
 * Member QR tokens follow sync/protocol/member-token.ts. Members who joined at a kiosk before it got
 * 24-character tokens no decoder reads; they get a readable one: 20 upper-case hex characters (a
 * subset of the format's alphabet) from gen_random_uuid(), PostgreSQL's strong random source, i.e.
 * 80 random bits (new tokens have 100). The members stream carries the new token to the home store.
 */
export const sql = `
UPDATE members SET qr_token = 'MBR1.' || upper(substr(md5(gen_random_uuid()::text || gen_random_uuid()::text), 1, 20))
  WHERE qr_token IS NOT NULL AND qr_token !~ '^MBR1\\.[0-9A-HJ-NP-Z]{20}$';
UPDATE stream_rows s SET data = jsonb_set(s.data, '{qrToken}', to_jsonb(m.qr_token)),
  xid = pg_current_xact_id(), pos = nextval('stream_pos')
  FROM members m
  WHERE s.stream = 'members' AND s.key = m.member_id AND s.data IS NOT NULL
    AND s.data->>'qrToken' IS DISTINCT FROM m.qr_token;
`;
