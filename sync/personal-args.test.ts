/**
 * Personal outbox arguments (core/outbox/personal-args.ts) from the queue to the wire: sealed at
 * rest, opened only into the push request, gone after an erasure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, OutboxError, parse, type Mutation } from '../core/outbox/outbox';
import {
  dropPersonalArgs,
  openPersonalArgs,
  sealLegacyPersonalArgs,
} from '../core/outbox/personal-args';
import { PLACEHOLDER_NAME, pushOnce } from './push';
import { scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
beforeEach(() => {
  k = testKiosk();
});
afterEach(() => k.remove());

const now = () => new Date('2026-11-24T09:00:00Z');
const PHONE = '13912345678';
const join = (id: string): Mutation => ({
  name: 'registerMember',
  version: 1,
  idempotencyKey: `registerMember:${id}`,
  args: {
    provisionalId: id,
    name: '会员5678',
    phone: PHONE,
    gender: null,
    birthday: null,
    consentProfile: true,
    consentMarketing: false,
  },
  hlc: '000001764000000000-0001-kiosk',
});
const order = (memberId: string): Mutation => ({
  name: 'placeOrder',
  version: 1,
  idempotencyKey: `placeOrder:${memberId}`,
  args: {
    orderId: `O-${memberId}`,
    kind: 'ship-from-online',
    fromLocation: 'ONLINE',
    lines: [{ sku: 'A', qty: 1 }],
    memberId,
    contact: 'home: 上海市 1 号',
  },
  hlc: '000001764000000000-0002-kiosk',
});
const rows = () => k.db.raw.prepare('SELECT * FROM outbox ORDER BY seq').all();
const entry = (index: number) => {
  const parsed = parse(rows()[index]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('personal outbox arguments', () => {
  it('are sealed when the row is written and never rest in clear', () => {
    k.db.transaction(() => enqueue(k.db, join('PRV-1'), now(), k.key));
    const stored = JSON.stringify(rows());
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain('会员5678');
    expect(entry(0).args).not.toHaveProperty('phone');
    expect(openPersonalArgs(k.key, entry(0))).toMatchObject({
      ok: true,
      value: { provisionalId: 'PRV-1', phone: PHONE, name: '会员5678' },
    });
  });

  it('are refused without the data key, and the write rolls back', () => {
    expect(() => k.db.transaction(() => enqueue(k.db, join('PRV-1'), now()))).toThrow(OutboxError);
    expect(rows()).toEqual([]);
  });

  it('do not open on another row (the idempotency key is the associated data)', () => {
    k.db.transaction(() => {
      enqueue(k.db, join('PRV-1'), now(), k.key);
      enqueue(k.db, join('PRV-2'), now(), k.key);
    });
    const moved = { ...entry(1), sealedArgs: entry(0).sealedArgs };
    expect(openPersonalArgs(k.key, moved)).toMatchObject({
      ok: false,
      error: { code: 'unreadable' },
    });
  });

  it('are opened only into the push request', async () => {
    k.db.transaction(() => enqueue(k.db, join('PRV-1'), now(), k.key));
    const cloud = scriptedCloud();
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now, key: k.key });
    expect(cloud.pushes[0]?.mutations[0]).toMatchObject({
      name: 'registerMember',
      args: { provisionalId: 'PRV-1', phone: PHONE, name: '会员5678' },
    });
    expect(JSON.stringify(rows())).not.toContain(PHONE);
  });

  it('after an erasure: a join is sent as a parked placeholder, an order without its contact', async () => {
    k.db.transaction(() => {
      enqueue(k.db, join('PRV-1'), now(), k.key);
      enqueue(k.db, order('PRV-1'), now(), k.key);
      enqueue(k.db, order('M9'), now(), k.key);
    });
    const dropped = k.db.transaction(() => dropPersonalArgs(k.db, ['PRV-1'], now().toISOString()));
    expect(dropped).toBe(2);
    expect(entry(2).sealedArgs).not.toBeNull(); // another member's order keeps its contact
    const cloud = scriptedCloud();
    await pushOnce({ db: k.db, client: cloud, token: 't', deviceId: 'dev_1', now, key: k.key });
    const sent = cloud.pushes[0]?.mutations ?? [];
    expect(sent[0]).toMatchObject({ name: PLACEHOLDER_NAME, args: null });
    expect(sent[1]).toMatchObject({
      name: 'placeOrder',
      args: { memberId: 'PRV-1', contact: null },
    });
    expect(sent[2]).toMatchObject({ name: 'placeOrder', args: { contact: 'home: 上海市 1 号' } });
    expect(JSON.stringify(cloud.pushes)).not.toContain(PHONE);
  });

  it('left in clear by an older version are sealed when the kiosk opens with its key', () => {
    const args = JSON.stringify(join('PRV-1').args);
    k.db.raw
      .prepare(
        `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc,
           state, created_at) VALUES ('d', 1, 1, 'registerMember:PRV-1', 'registerMember', 1, ?,
           '000001764000000000-0001-kiosk', 'pending', 't')`,
      )
      .run(args);
    expect(sealLegacyPersonalArgs(k.db, k.key)).toBe(1);
    expect(sealLegacyPersonalArgs(k.db, k.key)).toBe(0);
    expect(JSON.stringify(rows())).not.toContain(PHONE);
    expect(openPersonalArgs(k.key, entry(0))).toMatchObject({ ok: true, value: { phone: PHONE } });
  });
});
