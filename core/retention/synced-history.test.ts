import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, openTestDb, type TestDb } from '../../test/support/db';
import { recordAudit } from '../audit/audit';
import { shareLook } from '../looks/looks';
import { historyFiles } from '../import/history-files';
import { allStoreFiles } from '../import/store-files';
import { memberPoints } from '../members/points';
import { createPrintJobTable } from '../printing/print-jobs';
import type { SaleBasket } from '../sales/basket';
import { recordNps } from '../sales/nps';
import { recordSale } from '../sales/sale';
import { endSession, identify, startSession } from '../sessions/sessions';
import { recordTryOn } from '../sessions/tryons';
import { readOnly } from '../store/db';
import { purgeKiosk } from './index';
import { DEFAULT_RETENTION } from './policy';
import { purgeSyncedHistory } from './synced-history';

const DAY = 86_400_000;
const t0 = new Date('2026-01-10T08:00:00.000Z');
const day = (n: number) => new Date(t0.getTime() + n * DAY);
let hlcCounter = 0;
const hlc = () => `${String(1768000000000 + ++hlcCounter).padStart(18, '0')}-0000-kiosk-1`;

let db: TestDb;
let member = '';

beforeEach(() => {
  db = openTestDb({ seed: { files: allStoreFiles.filter((s) => !historyFiles.includes(s)) } });
  member = String(
    db.raw.prepare('SELECT member_id FROM members WHERE consent_profile = 1 LIMIT 1').pluck().get(),
  );
});
afterEach(() => db.close());

/** One dress, paid with `redeem` points, earning 50: as the checkout's pricing hands it over. */
function basket(redeem: number): SaleBasket {
  const line = { sku: 'SKU-1', styleId: 'ST-1', qty: 1, unitPriceCents: 29900 };
  return {
    lines: [
      {
        ...line,
        listPriceCents: 29900,
        listAmountCents: 29900,
        amountCents: 29900,
        markdownCents: 0,
        discounts: [],
        netCents: 29900 - redeem,
      },
    ],
    listTotalCents: 29900,
    subtotalCents: 29900,
    discounts: [],
    totalCents: 29900 - redeem,
    appliedCoupons: [],
    rejectedCoupons: [],
    pointsMultiplier: 1,
    pointsRedeemed: redeem,
    pointsEarned: 50,
  };
}

function sale(at: Date, redeem = 100): string {
  return recordSale(db, {
    sessionId: null,
    storeId: 'S001',
    memberId: member,
    basket: basket(redeem),
    method: 'wechat',
    providerRef: `wx-${at.getTime()}-${hlcCounter}`,
    now: at,
    hlc,
  }).saleId;
}

/** The cloud acknowledged every outbox row whose key names `id`. */
function ack(id: string): void {
  db.raw
    .prepare("UPDATE outbox SET state = 'acked' WHERE idempotency_key LIKE '%' || ? || '%'")
    .run(id);
}

function memberVisit(at: Date): { sessionId: string; tryonId: string } {
  const session = startSession(db, { kind: 'mirror', storeId: 'S001', now: at });
  identify(db, session.sessionId, member, at);
  const tryOn = recordTryOn(db, {
    sessionId: session.sessionId,
    sku: 'SKU-1',
    outcome: 'liked',
    now: at,
    hlc: hlc(),
  });
  if (!tryOn.ok) throw new Error(tryOn.error.message);
  endSession(db, session.sessionId, at);
  return { sessionId: session.sessionId, tryonId: tryOn.value.tryonId };
}

const exists = (table: string, column: string, id: string) =>
  count(db, `SELECT count(*) FROM ${table} WHERE ${column} = ?`, id) === 1;

describe('purgeSyncedHistory', () => {
  it('deletes synced history past its window and keeps what still waits for the cloud', () => {
    const synced = sale(t0);
    ack(synced);
    const unsynced = sale(t0);
    const recent = sale(day(300));
    ack(recent);
    const nps = recordNps(db, { saleId: synced, storeId: 'S001', score: 9, now: t0, hlc: hlc() });
    ack(nps.npsId);
    const oldVisit = memberVisit(t0);
    ack(oldVisit.tryonId);
    const waitingVisit = memberVisit(t0);
    // a look link of an ended visit goes; one of a visit still open stays
    shareLook(db, { sessionId: oldVisit.sessionId, skus: ['SKU-1'], now: t0, hlc: hlc() });
    const open = startSession(db, { kind: 'mirror', storeId: 'S001', now: day(400) });
    shareLook(db, { sessionId: open.sessionId, skus: ['SKU-1'], now: day(400), hlc: hlc() });
    const jobs = createPrintJobTable(db);
    jobs.write('job-printed', { status: 'printed', updatedAt: t0.getTime() });
    jobs.write('job-queued', { status: 'queued', updatedAt: t0.getTime() });
    recordAudit(db, { at: day(-400), actor: 'S01', action: 'void', subject: null, detail: {} });
    recordAudit(db, { at: t0, actor: 'S01', action: 'void', subject: null, detail: {} });

    const report = purgeSyncedHistory(db, day(401), DEFAULT_RETENTION);

    expect(report).toEqual({
      // synced sale: recordSale, redeemPoints, earnPoints; NPS; old visit's try-on; recent sale's 3
      outbox: 3 + 1 + 1 + 3,
      printJobs: 1,
      lookLinks: 1,
      sales: 1,
      memberSessions: 1,
      pointsEntries: 2,
      npsResponses: 1,
      orders: 0,
      audit: 1,
    });
    expect(exists('sales', 'sale_id', synced)).toBe(false);
    expect(count(db, 'SELECT count(*) FROM sale_lines WHERE sale_id = ?', synced)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM payments WHERE sale_id = ?', synced)).toBe(0);
    expect(exists('sales', 'sale_id', unsynced)).toBe(true);
    expect(count(db, 'SELECT count(*) FROM points_ledger WHERE sale_id = ?', unsynced)).toBe(2);
    // the unsynced sale's 3, the waiting try-on, both looks' shareLook
    expect(count(db, "SELECT count(*) FROM outbox WHERE state = 'pending'")).toBe(6);
    expect(count(db, 'SELECT count(*) FROM look_links WHERE session_id = ?', open.sessionId)).toBe(
      1,
    );
    expect(exists('sales', 'sale_id', recent)).toBe(true);
    expect(exists('sessions', 'session_id', oldVisit.sessionId)).toBe(false);
    expect(exists('tryons', 'tryon_id', oldVisit.tryonId)).toBe(false);
    expect(exists('sessions', 'session_id', waitingVisit.sessionId)).toBe(true);
    expect(exists('print_jobs', 'job_id', 'job-queued')).toBe(true);
    expect(count(db, 'SELECT count(*) FROM audit')).toBe(1);

    const again = purgeSyncedHistory(db, day(401), DEFAULT_RETENTION);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('a purged acknowledgement still counts the points entry as synced, never pending again', () => {
    const synced = sale(t0, 400);
    ack(synced);
    sale(t0, 100); // waits for the cloud
    const shown = () =>
      memberPoints(
        readOnly(db),
        { memberId: member, points: 5000 },
        { now: day(31), dailyCap: 3000, online: false },
      );
    const before = shown();
    expect(before.balance).toBe(5000 - 100 + 50);

    // 31 days on: the acknowledged outbox rows go, their ledger entries stay (400-day window).
    const report = purgeKiosk(db, day(31), DEFAULT_RETENTION);
    expect(report.outbox).toBe(3);
    expect(report.pointsEntries).toBe(0);
    expect(count(db, 'SELECT count(*) FROM points_ledger WHERE sale_id = ?', synced)).toBe(2);
    expect(shown()).toEqual(before);
  });
});
