import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritableDB } from '../core/store/db';
import { STORED_REQUEST_STATUSES } from '../core/sync-store/staff-requests';
import { REQUEST_STATUSES, type StreamRow } from './protocol';
import { createRequestsPoller } from './requests-poll';
import {
  applyRequestRow,
  mergeRequest,
  openRequests,
  readRequest,
  requestsByIds,
  type StoredRequest,
} from './staff-requests';
import { sizeRequest } from '../test/support/staff-request';
import { page, scriptedCloud, testKiosk } from './test-support';

let kiosk: ReturnType<typeof testKiosk>;
let db: WritableDB;
beforeEach(() => {
  kiosk = testKiosk();
  db = kiosk.db;
});
afterEach(() => kiosk.remove());

const hlc = (ms: number) => `${String(ms).padStart(15, '0')}-00000`;
const base: StoredRequest = {
  requestId: 'R1',
  storeId: 'S001',
  originDevice: 'dev_mirror',
  ...sizeRequest,
  status: 'waiting',
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-24T08:00:00.000Z',
  updatedHlc: hlc(1000),
  updatedDevice: 'dev_mirror',
  updatedBy: null,
};
const version = (status: StoredRequest['status'], ms: number, device: string): StoredRequest => ({
  ...base,
  status,
  updatedHlc: hlc(ms),
  updatedDevice: device,
  updatedBy: 'E1',
});
const row = (data: Record<string, unknown>): StreamRow => ({
  key: String(data.requestId),
  op: 'upsert',
  data: data as StreamRow['data'],
});

describe('staff requests on the kiosk', () => {
  it('ends on the same winner whatever order the versions arrive in', () => {
    const versions = [
      base,
      version('on-the-way', 5000, 'dev_staff'),
      version('done', 4000, 'dev_checkout'),
      version('cancelled', 4000, 'dev_staff'),
      version('on-the-way', 9000, 'dev_checkout'),
    ];
    const orders = [
      [0, 1, 2, 3, 4],
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
    ];
    for (const order of orders) {
      db.exec('DELETE FROM staff_requests');
      for (const i of order) db.transaction(() => mergeRequest(db, versions[i] as StoredRequest));
      // finished beats on-the-way whatever its stamp; between two finishes the device id breaks the tie
      expect(readRequest(db, 'R1')).toMatchObject({
        status: 'cancelled',
        updatedDevice: 'dev_staff',
      });
    }
  });

  it('changes nothing for an echo of its own write or an older version, and never reopens', () => {
    expect(mergeRequest(db, version('done', 3000, 'dev_staff'))).toBe(true);
    expect(mergeRequest(db, version('done', 3000, 'dev_staff'))).toBe(false);
    expect(mergeRequest(db, version('waiting', 9000, 'dev_mirror'))).toBe(false);
    expect(mergeRequest(db, version('on-the-way', 9000, 'dev_mirror'))).toBe(false);
    expect(readRequest(db, 'R1')?.status).toBe('done');
  });

  it('applies pulled rows, normalising times; skips rows that do not fit; ignores deletions', () => {
    const pulled = {
      ...base,
      requestId: 'R9',
      createdAt: '2026-11-24T08:00:00+00:00',
      updatedAt: '2026-11-24T08:01:00.5+00:00',
    };
    expect(db.transaction(() => applyRequestRow(db, row(pulled)))).toBe(true);
    expect(readRequest(db, 'R9')).toMatchObject({
      createdAt: '2026-11-24T08:00:00.000Z',
      updatedAt: '2026-11-24T08:01:00.500Z',
    });
    expect(applyRequestRow(db, row({ ...pulled, requestId: 'R8', kind: 'coffee' }))).toBe(false);
    expect(applyRequestRow(db, row({ ...pulled, requestId: 'R7', updatedHlc: 'yesterday' }))).toBe(
      false,
    );
    expect(applyRequestRow(db, { key: 'R9', op: 'delete', data: null })).toBe(true);
    expect(readRequest(db, 'R8')).toBeNull();
    expect(readRequest(db, 'R9')).not.toBeNull();
  });

  it('lists the open requests of the store since a time, and a visit’s own by id', () => {
    mergeRequest(db, base);
    mergeRequest(db, { ...base, requestId: 'R2', createdAt: '2026-11-24T09:00:00.000Z' });
    mergeRequest(db, { ...base, requestId: 'R3', status: 'done' });
    mergeRequest(db, { ...base, requestId: 'R4', storeId: 'S002' });
    mergeRequest(db, { ...base, requestId: 'R5', createdAt: '2026-11-22T09:00:00.000Z' });
    const open = openRequests(db, 'S001', '2026-11-23T08:00:00.000Z');
    expect(open.map((r) => r.requestId)).toEqual(['R2', 'R1']);
    expect(requestsByIds(db, ['R3', 'R1']).map((r) => r.status)).toEqual(['waiting', 'done']);
    expect(requestsByIds(db, [])).toEqual([]);
  });
});

describe('stored request statuses', () => {
  it('are the protocol’s statuses (core keeps its own list: the cloud may not import core/)', () => {
    expect([...STORED_REQUEST_STATUSES]).toEqual([...REQUEST_STATUSES]);
  });
});

describe('requests poller', () => {
  it('pulls only the requests stream, only while online, and reports applied rows', async () => {
    let online = false;
    const changed: number[] = [];
    const cloud = scriptedCloud({
      pull: (stream) => ({ ok: true, value: page(stream, [row({ ...base })]) }),
    });
    const poller = createRequestsPoller({
      db,
      key: kiosk.key,
      client: cloud,
      token: () => 'tok',
      intervalMs: 20,
      isOnline: () => online,
      onChanged: (rows) => changed.push(rows),
    });
    poller.start();
    await new Promise((r) => setTimeout(r, 80));
    expect(cloud.pulls).toEqual([]);
    online = true;
    await new Promise((r) => setTimeout(r, 80));
    poller.stop();
    expect(cloud.pulls.length).toBeGreaterThan(0);
    expect(new Set(cloud.pulls.map((p) => p.stream))).toEqual(new Set(['requests']));
    expect(cloud.pulls.slice(1).every((p) => p.cursor === 'c1')).toBe(true);
    expect(changed[0]).toBe(1);
    expect(readRequest(db, 'R1')?.status).toBe('waiting');
  });

  it('reports a failed pull and needs a token', async () => {
    let failed = 0;
    const cloud = scriptedCloud({
      pull: () => ({ ok: false, error: { kind: 'offline', message: 'down' } }),
    });
    const options = {
      db,
      key: kiosk.key,
      client: cloud,
      intervalMs: 1000,
      isOnline: () => true,
      onChanged: () => undefined,
      onFailed: () => failed++,
    };
    const result = await createRequestsPoller({ ...options, token: () => 'tok' }).pollNow();
    expect(result?.ok).toBe(false);
    expect(failed).toBe(1);
    expect(await createRequestsPoller({ ...options, token: () => null }).pollNow()).toBeNull();
  });
});
