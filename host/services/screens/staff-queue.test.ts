import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffRequestView } from '../../../bridge/views';

import { mutationSchema } from '../../../sync/protocol';
import { mergeRequest } from '../../../sync/staff-requests';

import { StaffQueue } from './staff-queue';
import { openTestDb, type TestDb } from '../../../test/support/db';

let db: TestDb;
let nowMs: number;
let staffId: string | null;
let counter: number;
const seen: { requests: StaffRequestView[]; changes: number; writes: number } = {
  requests: [],
  changes: 0,
  writes: 0,
};

function queue(): StaffQueue {
  const q = new StaffQueue(
    {
      db,
      storeId: 'S001',
      stamp: () => `${String(nowMs).padStart(18, '0')}-${String(++counter).padStart(4, '0')}-kiosk`,
    },
    () => new Date(nowMs),
  );
  q.requested.on((r) => seen.requests.push(r));
  q.changes.on(() => seen.changes++);
  q.written.on(() => seen.writes++);
  return q;
}
const outbox = () =>
  db.raw
    .prepare('SELECT mutation, version, args, idempotency_key AS key FROM outbox ORDER BY seq')
    .all() as Array<{ mutation: string; version: number; args: string; key: string }>;
const size = { kind: 'size', place: 'Fitting room 2', sku: 'DRE001-WHT-S', size: 'S' } as const;
const named = { ...size, name: { zh: '防泼水连衣裙', en: 'Showerproof dress' } };

beforeEach(() => {
  db = openTestDb();
  nowMs = Date.parse('2026-11-24T08:00:00Z');
  staffId = null;
  counter = 0;
  Object.assign(seen, { requests: [], changes: 0, writes: 0 });
});
afterEach(() => db.close());

describe('staff queue', () => {
  it('commits a request with its staffRequest v2 outbox row, valid for the cloud', () => {
    const q = queue();
    const request = q.request(named);
    expect(request).toMatchObject({
      ...named,
      status: 'waiting',
      createdAt: '2026-11-24T08:00:00.000Z',
    });
    expect(q.openRequests()).toEqual([request]);
    const [row] = outbox();
    expect(row).toMatchObject({
      mutation: 'staffRequest',
      version: 2,
      key: `staffRequest:${request.requestId}`,
    });
    const args: unknown = JSON.parse(row?.args ?? 'null');
    expect(mutationSchema('staffRequest', 2)?.safeParse(args).success).toBe(true);
    expect(seen).toMatchObject({ requests: [request], writes: 1 });
  });

  it('writes neither the request nor its outbox row when the outbox cannot take it', () => {
    db.exec(
      `CREATE TRIGGER full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const q = queue();
    expect(() => q.request({ ...size, name: null })).toThrow(/disk full/);
    expect(db.raw.prepare('SELECT count(*) AS n FROM staff_requests').get()).toEqual({ n: 0 });
    expect(seen.requests).toEqual([]);
  });

  it('moves a request only forward, naming the staff member, each step in the outbox', () => {
    const q = queue();
    const { requestId } = q.request({ ...size, name: null });
    staffId = 'E1001';
    nowMs += 60_000;
    expect(q.update(requestId, 'on-the-way', staffId)).toMatchObject({
      status: 'on-the-way',
      updatedAt: '2026-11-24T08:01:00.000Z',
    });
    expect(q.update(requestId, 'waiting', staffId)).toBeNull();
    expect(q.update(requestId, 'on-the-way', staffId)).toBeNull();
    expect(q.update(requestId, 'done', staffId)?.status).toBe('done');
    expect(q.update(requestId, 'cancelled', staffId)).toBeNull();
    expect(q.update('unknown', 'done', staffId)).toBeNull();
    const updates = outbox().filter((r) => r.mutation === 'updateStaffRequest');
    expect(updates.map((r) => JSON.parse(r.args) as unknown)).toEqual([
      { requestId, status: 'on-the-way', staffId: 'E1001' },
      { requestId, status: 'done', staffId: 'E1001' },
    ]);
    for (const r of updates)
      expect(mutationSchema('updateStaffRequest', 1)?.safeParse(JSON.parse(r.args)).success).toBe(
        true,
      );
    expect(q.openRequests()).toEqual([]);
    expect(seen.writes).toBe(3);
  });

  it('keeps requests across a restart, and shows only the last 24 hours', () => {
    const first = queue().request({ ...size, name: null });
    nowMs += 23 * 60 * 60 * 1000;
    const again = queue();
    expect(again.openRequests().map((r) => r.requestId)).toEqual([first.requestId]);
    expect(again.requestsById(new Set([first.requestId]))[0]?.status).toBe('waiting');
    nowMs += 2 * 60 * 60 * 1000;
    expect(queue().openRequests()).toEqual([]);
  });

  it('announces a request pulled from another kiosk once, and tells the screens on refresh', () => {
    const q = queue();
    const before = seen.changes;
    db.transaction(() =>
      mergeRequest(db, {
        requestId: 'FROM-MIRROR-3',
        storeId: 'S001',
        originDevice: 'dev_other',
        kind: 'help',
        place: 'Fitting room 3',
        sku: null,
        size: null,
        nameZh: null,
        nameEn: null,
        status: 'waiting',
        createdAt: '2026-11-24T07:59:00.000Z',
        updatedAt: '2026-11-24T07:59:00.000Z',
        updatedHlc: '001764000000000-00000',
        updatedDevice: 'dev_other',
        updatedBy: null,
      }),
    );
    q.refresh();
    q.refresh();
    expect(seen.requests.map((r) => r.requestId)).toEqual(['FROM-MIRROR-3']);
    expect(seen.changes).toBe(before + 2);
    expect(q.openRequests()[0]).toMatchObject({
      kind: 'help',
      place: 'Fitting room 3',
      name: null,
    });
  });
});
