import type { Migration } from './types';

/**
 * Customer sessions at a screen and what happens in them: try-ons, preferences (last writer wins
 * by HLC text, which sorts like the clock), consented photos; plus the audit trail and settings.
 * Times are ISO-8601 UTC text, so they compare as text.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'sessions',
  up(db) {
    db.exec(`
      CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('mirror', 'checkout', 'assisted')),
        store_id TEXT NOT NULL,
        member_id TEXT REFERENCES members(member_id),
        staff_id TEXT REFERENCES staff(staff_id),
        started_at TEXT NOT NULL,
        last_activity_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT CHECK (end_reason IN ('ended', 'idle')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      ) STRICT;
      CREATE INDEX sessions_open ON sessions(last_activity_at) WHERE ended_at IS NULL;
      CREATE INDEX sessions_member ON sessions(member_id) WHERE member_id IS NOT NULL;
      CREATE INDEX sessions_anonymous_age ON sessions(started_at) WHERE member_id IS NULL;
      CREATE TABLE tryons (
        tryon_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(session_id) ON DELETE CASCADE,
        sku TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('liked', 'rejected', 'size-swap', 'bought')),
        reason TEXT CHECK (reason IN ('too-small', 'too-big', 'colour', 'style', 'price')),
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tryons_session ON tryons(session_id);
      CREATE TABLE preferences (
        member_id TEXT NOT NULL REFERENCES members(member_id),
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        hlc TEXT NOT NULL,
        PRIMARY KEY (member_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE photos (
        photo_id TEXT PRIMARY KEY,
        session_id TEXT REFERENCES sessions(session_id) ON DELETE SET NULL,
        member_id TEXT REFERENCES members(member_id),
        image_enc BLOB NOT NULL,
        consented_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX photos_unsent ON photos(created_at) WHERE sent_at IS NULL;
      CREATE TABLE audit (
        audit_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
