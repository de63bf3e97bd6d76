import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { sizeRequest } from '../../test/support/staff-request';
import { DB_KINDS, enrollDevice, env, pullAll, push, startCloud, type Cloud } from './harness';

const T0 = Date.parse('2026-11-20T10:00:00Z');

describe.each(DB_KINDS)('staff requests across kiosks on %s', (kind) => {
  let cloud: Cloud;
  let mirror: EnrollResponse;
  let staff: EnrollResponse;
  let checkout: EnrollResponse;
  let elsewhere: EnrollResponse;
  const seq = new Map<string, number>();
  const send = async (
    d: EnrollResponse,
    name: string,
    args: unknown,
    o: { hlcMs?: number; version?: number } = {},
  ) => {
    const n = (seq.get(d.deviceId) ?? 0) + 1;
    seq.set(d.deviceId, n);
    const res = await push(cloud, d, 'e1', [env(n, name, args, o)]);
    expect(res.statusCode).toBe(200);
    return res.json().results[0];
  };
  const raise = (d: EnrollResponse, requestId: string) =>
    send(
      d,
      'staffRequest',
      {
        requestId,
        ...sizeRequest,
        createdAt: new Date(cloud.clock.ms).toISOString(),
      },
      { version: 2 },
    );
  const statusOf = async (d: EnrollResponse, requestId: string) => {
    const { rows } = await pullAll(cloud, d.token, 'requests');
    return rows.filter((r) => r.key === requestId).at(-1)?.data?.status ?? null;
  };

  beforeAll(async () => {
    cloud = await startCloud(kind);
    mirror = await enrollDevice(cloud, 'S001');
    staff = await enrollDevice(cloud, 'S001');
    checkout = await enrollDevice(cloud, 'S001');
    elsewhere = await enrollDevice(cloud, 'S002');
  });
  afterAll(async () => cloud.close());

  it('serves a request raised on one kiosk to every kiosk of its store, and only there', async () => {
    expect(await raise(mirror, 'REQ-1')).toMatchObject({
      status: 'applied',
      result: { requestId: 'REQ-1', recorded: true },
    });
    const { rows } = await pullAll(cloud, staff.token, 'requests');
    expect(rows).toEqual([
      {
        key: 'REQ-1',
        op: 'upsert',
        data: expect.objectContaining({
          requestId: 'REQ-1',
          storeId: 'S001',
          originDevice: mirror.deviceId,
          kind: 'size',
          place: 'Fitting room 2',
          size: 'S',
          nameEn: 'Showerproof dress',
          status: 'waiting',
          updatedHlc: `${String(T0).padStart(15, '0')}-00000`,
          updatedDevice: mirror.deviceId,
          updatedBy: null,
        }),
      },
    ]);
    expect((await pullAll(cloud, elsewhere.token, 'requests')).rows).toEqual([]);
    // the same request again (another key) changes nothing
    expect((await raise(mirror, 'REQ-1')).result).toEqual({ requestId: 'REQ-1', recorded: false });
  });

  it('moves a request forward only; concurrent updates resolve by status order, then HLC', async () => {
    await raise(mirror, 'REQ-2');
    const update = (d: EnrollResponse, status: string, hlcMs: number, staffId = 'E1001') =>
      send(d, 'updateStaffRequest', { requestId: 'REQ-2', status, staffId }, { hlcMs });
    // done arrives before on-the-way (a later push of an earlier tap): done stays
    expect((await update(staff, 'done', T0 + 5000)).result).toEqual({
      requestId: 'REQ-2',
      won: true,
      status: 'done',
    });
    expect((await update(checkout, 'on-the-way', T0 + 9000)).result).toMatchObject({ won: false });
    expect(await statusOf(mirror, 'REQ-2')).toBe('done');
    // two finishing updates: the later stamp wins, whatever the arrival order
    expect((await update(checkout, 'cancelled', T0 + 4000)).result).toMatchObject({ won: false });
    expect((await update(checkout, 'cancelled', T0 + 6000)).result).toMatchObject({
      won: true,
      status: 'cancelled',
    });
    expect(await statusOf(staff, 'REQ-2')).toBe('cancelled');
    const { rows } = await cloud.db.query<{ updated_by: string; updated_device: string }>(
      "SELECT updated_by, updated_device FROM staff_requests WHERE request_id = 'REQ-2'",
    );
    expect(rows[0]).toEqual({ updated_by: 'E1001', updated_device: checkout.deviceId });
  });

  it('ignores updates from another store and of unknown requests', async () => {
    await raise(mirror, 'REQ-3');
    expect(
      (
        await send(elsewhere, 'updateStaffRequest', {
          requestId: 'REQ-3',
          status: 'done',
          staffId: null,
        })
      ).result,
    ).toEqual({ requestId: 'REQ-3', won: false, status: null });
    expect(
      (
        await send(staff, 'updateStaffRequest', {
          requestId: 'NOPE',
          status: 'done',
          staffId: null,
        })
      ).result,
    ).toEqual({ requestId: 'NOPE', won: false, status: null });
    expect(await statusOf(staff, 'REQ-3')).toBe('waiting');
  });

  it('drops requests untouched for 24 hours from the stream', async () => {
    cloud.clock.ms = T0 + 25 * 60 * 60 * 1000;
    await raise(mirror, 'REQ-4');
    const keys = (await pullAll(cloud, staff.token, 'requests')).rows.map((r) => r.key);
    expect(keys).toEqual(['REQ-4']);
    cloud.clock.ms = T0;
  });

  it('still turns a version 1 request of an older kiosk into a staff task', async () => {
    const result = await send(mirror, 'staffRequest', {
      requestId: 'OLD-1',
      kind: 'another-size',
      sku: 'DRE001-WHT-S',
      location: 'Fitting room 1',
      message: null,
    });
    expect(result).toMatchObject({ status: 'applied', result: { taskId: expect.any(String) } });
    expect(await statusOf(staff, 'OLD-1')).toBeNull();
  });
});
