/**
 * Sync tasks on the staff console, on the demo store in a real SQLite file: the cloud's rejections
 * are applied by sync/apply-results.ts exactly as after a push, then listed as plain facts (no raw
 * JSON, members by id) and resolved by a signed-in staff member, audited once.
 */

import { beforeAll, describe, expect, it } from 'vitest';

import { readOnly } from '../../../core/store/db';

import { applyPushResults } from '../../../sync/apply-results';
import type { MutationResult } from '../../../sync/protocol';

import { couponTask, noTaskFacts } from '../../../bridge/sync-task-fixture';
import { openSyncTasks } from './staff-tasks';
import { scanBytes, tickingClock, useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;
const bytes = scanBytes;
let seq = 0;

/** Queues a mutation as the checkout would have (already sent), then applies the cloud's answer. */
function refused(
  name: string,
  args: object,
  answer: Omit<MutationResult & { status: 'rejected' }, 'seq' | 'key' | 'status'>,
) {
  const k = `${name}:${++seq}`;
  const id = Number(
    db
      .prepare(
        `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc, state, created_at)
         VALUES ('D1', 1, ?, ?, ?, 1, ?, '000001764000000000-0001-D1', 'sent', 't')`,
      )
      .run(seq, k, name, JSON.stringify(args)).lastInsertRowid,
  );
  applyPushResults(
    db,
    [{ id, seq, key: k }],
    { epoch: '1', lastSeq: seq, results: [{ seq, key: k, status: 'rejected', ...answer }] },
    new Date(`2026-11-24T07:00:0${seq}Z`),
  );
}

beforeAll(() => {
  db.prepare(
    "INSERT INTO member_aliases VALUES ('PRV-7', 'M000020', 0, '2026-11-24T06:00:00Z')",
  ).run();
  refused(
    'redeemCoupon',
    {
      redemptionId: 'SALE-1:WELCOME50',
      couponCode: 'WELCOME50',
      memberId: 'M000017',
      saleId: 'SALE-1',
      discountCents: 5000,
    },
    {
      error: {
        code: 'coupon-already-used',
        message: 'Coupon WELCOME50 used twice by member M000017',
      },
      compensation: {
        kind: 'coupon-used',
        couponCode: 'WELCOME50',
        memberId: 'M000017',
        discountCents: 5000,
      },
      staffTask: {
        id: 'cloud:1',
        kind: 'coupon-already-used',
        message: 'Coupon WELCOME50 used twice',
      },
    },
  );
  refused(
    'redeemPoints',
    { redemptionId: 'R-1', memberId: 'PRV-7', points: 3000, saleId: 'SALE-2' },
    {
      error: { code: 'points-overdrawn', message: 'Points overdrawn offline' },
      compensation: { kind: 'points-balance', memberId: 'PRV-7', balance: 1200 },
      staffTask: { id: 'cloud:2', kind: 'points-overdrawn', message: 'Points overdrawn' },
    },
  );
  refused(
    'placeOrder',
    {
      orderId: 'ORD-1',
      kind: 'ship-from-online',
      fromLocation: 'ONLINE',
      lines: [],
      contact: '13800000000',
    },
    {
      error: { code: 'out-of-stock', message: 'Order ORD-1 out of stock; contact 13800000000' },
      compensation: { kind: 'order-cancelled', orderId: 'ORD-1' },
      staffTask: { id: 'cloud:3', kind: 'order-failed', message: 'contact 13800000000' },
    },
  );
  // A task whose compensation is not an object and whose mutation is gone from the outbox.
  db.prepare(
    `INSERT INTO sync_staff_tasks (task_id, kind, message, mutation_key, error_code, compensation, created_at)
     VALUES ('odd', 'x', 'x', 'gone:1', 'something-new', '[1,2]', '2026-11-24T07:00:09Z')`,
  ).run();
});

describe('openSyncTasks', () => {
  it('says what happened from the code, the compensation and the refused mutation, oldest first', () => {
    expect(openSyncTasks(readOnly(db))).toEqual([
      couponTask,
      {
        ...noTaskFacts,
        taskId: 'cloud:2',
        kind: 'points-overdrawn',
        memberId: 'M000020', // the provisional id, mapped to the permanent one
        points: 3000,
        balance: 1200,
        saleId: 'SALE-2',
        errorCode: 'points-overdrawn',
        createdAt: '2026-11-24T07:00:02.000Z',
      },
      {
        ...noTaskFacts,
        taskId: 'cloud:3',
        kind: 'order-failed',
        orderId: 'ORD-1',
        errorCode: 'out-of-stock',
        createdAt: '2026-11-24T07:00:03.000Z',
      },
      {
        ...noTaskFacts,
        taskId: 'odd',
        kind: 'other',
        errorCode: 'something-new',
        createdAt: '2026-11-24T07:00:09Z',
      },
    ]);
    // the cloud's free text (here with a phone number) never reaches the view
    expect(JSON.stringify(openSyncTasks(readOnly(db)))).not.toContain('13800000000');
  });
});

describe('staff.syncTasks and staff.resolveSyncTask', () => {
  it('are for signed-in staff only; "done" resolves a task once, audited with the staff id', async () => {
    const { s } = demo.service('staff', { idleSeconds: 60 }, { now: tickingClock() });
    try {
      expect(s.staff.syncTasks()).toBeNull();
      expect(s.staff.resolveSyncTask('cloud:1')).toBeNull();
      s.handleScan(bytes('BADGE-1001'));
      expect((await s.staff.login('2468')).staff?.staffId).toBe('E1001');
      expect(s.staff.syncTasks()?.map((t) => t.taskId)).toEqual([
        'cloud:1',
        'cloud:2',
        'cloud:3',
        'odd',
      ]);
      const audits = () =>
        db
          .prepare(
            "SELECT actor, subject, detail FROM audit WHERE action = 'staff.sync-task.resolve'",
          )
          .all();

      expect(s.staff.resolveSyncTask('cloud:1')?.map((t) => t.taskId)).toEqual([
        'cloud:2',
        'cloud:3',
        'odd',
      ]);
      expect(s.staff.resolveSyncTask('cloud:1')?.map((t) => t.taskId)).toEqual([
        'cloud:2',
        'cloud:3',
        'odd',
      ]);
      expect(s.staff.resolveSyncTask('no-such-task')).toHaveLength(3);
      expect(audits()).toEqual([
        {
          actor: 'E1001',
          subject: 'cloud:1',
          detail: JSON.stringify({ kind: 'coupon-already-used', errorCode: 'coupon-already-used' }),
        },
      ]);
      expect(
        db
          .prepare(
            "SELECT resolved_at IS NOT NULL AS resolved FROM sync_staff_tasks WHERE task_id = 'cloud:1'",
          )
          .get(),
      ).toEqual({ resolved: 1 });
      // the status count the console shows follows
      expect(
        db.prepare('SELECT count(*) AS n FROM sync_staff_tasks WHERE resolved_at IS NULL').get(),
      ).toEqual({ n: 3 });
      s.staff.logout();
      expect(s.staff.syncTasks()).toBeNull();
    } finally {
      s.close();
    }
  });
});
