import type { Migration } from './types';

/**
 * Staff requests and alerts of the whole store (size requests, help, unknown items): raised here
 * (with their outbox row in the same transaction) or pulled from the cloud's `requests` stream.
 * `updated_hlc` (wire form) and `updated_device` order concurrent updates from different kiosks;
 * `updated_by` names the staff member who last moved the request on.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'staff-requests',
  up(db) {
    db.exec(`
      CREATE TABLE staff_requests (
        request_id TEXT PRIMARY KEY,
        store_id TEXT NOT NULL,
        origin_device TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('size', 'help', 'unknown-item')),
        place TEXT NOT NULL,
        sku TEXT,
        size TEXT,
        name_zh TEXT,
        name_en TEXT,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'on-the-way', 'done', 'cancelled')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_hlc TEXT NOT NULL,
        updated_device TEXT NOT NULL,
        updated_by TEXT
      ) STRICT;
      CREATE INDEX staff_requests_open ON staff_requests (store_id, status, created_at);
    `);
  },
};
