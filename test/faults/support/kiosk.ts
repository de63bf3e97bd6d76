/**
 * A kiosk data dir for the fault suite: the SQLite file, the data key, and domain writes that
 * commit together with their outbox rows (one transaction each, or many per transaction for bulk).
 */
import { randomUUID } from 'node:crypto';

import { fileKeyStore, type DataKey } from '../../../core/crypto';
import { deviceIdentity } from '../../../core/outbox/device';
import { enqueue, type Mutation } from '../../../core/outbox/outbox';
import { serialize, tick, type HlcStamp } from '../../../core/rules/hlc';
import { offlineRedeemAllowance } from '../../../core/rules/points';
import { type WritableDB } from '../../../core/store/db';

import { loadCredentials, type Credentials } from '../../../sync/credentials';
import { openTestDb } from '../../support/db';

export interface Kiosk {
  dir: string;
  db: WritableDB;
  key: DataKey;
  credentials(): Credentials | null;
  close(): void;
}

export function openKiosk(dir: string): Kiosk {
  const db = openTestDb({ dir });
  const key = fileKeyStore(dir).loadOrCreate();
  return {
    dir,
    db,
    key,
    credentials() {
      const c = loadCredentials(db, key);
      return c.ok ? c.value : null;
    },
    close: () => db.close(),
  };
}

export type WriteKind = 'earn' | 'redeem' | 'tryon' | 'pref' | 'sale';

export interface WriteOptions {
  kinds?: WriteKind[];
  /** Members to use (default demo members of S001). */
  members?: string[];
  points?: number;
  /** Wall clock for the HLC (a clock that jumps is simulated by passing different values). */
  nowMs?: () => number;
  /** Mutations per local transaction (bulk generation); default 1. */
  perTransaction?: number;
  /** Called inside the transaction just before it commits (crash point "before-commit"). */
  beforeCommit?: () => void;
  /** Writes the outbox row (default this build's `enqueue`; an older app's for upgrade tests). */
  enqueue?: (db: WritableDB, mutation: Mutation) => void;
}

export const S001_MEMBERS = ['M000013', 'M000015', 'M000017', 'M000020'];

let stamp: HlcStamp | null = null;

function mutationFor(
  kind: WriteKind,
  i: number,
  o: WriteOptions,
  hlc: string,
  member: string,
): Mutation {
  const id = randomUUID();
  const points = o.points ?? 10;
  switch (kind) {
    case 'earn':
      return {
        name: 'earnPoints',
        version: 1,
        idempotencyKey: `earn:${id}`,
        hlc,
        args: { earnId: id, memberId: member, points, saleId: null },
      };
    case 'redeem':
      return {
        name: 'redeemPoints',
        version: 1,
        idempotencyKey: `redeem:${id}`,
        hlc,
        args: { redemptionId: id, memberId: member, points, saleId: null },
      };
    case 'tryon':
      return {
        name: 'logTryOn',
        version: 1,
        idempotencyKey: `tryon:${id}`,
        hlc,
        args: {
          tryOnId: id,
          sessionId: `s-${i}`,
          sku: 'DRE001-WHT-XS',
          memberId: null,
          action: 'enter',
          at: new Date().toISOString(),
        },
      };
    case 'pref':
      return {
        name: 'setPreference',
        version: 1,
        idempotencyKey: `pref:${id}`,
        hlc,
        args: { memberId: member, key: 'size.top', value: `v${i}` },
      };
    case 'sale':
      return {
        name: 'recordSale',
        version: 1,
        idempotencyKey: `sale:${id}`,
        hlc,
        args: {
          saleId: id,
          memberId: null,
          lines: [{ sku: 'DRE001-WHT-XS', qty: 1, unitPriceCents: 78900, discountCents: 0 }],
          totalCents: 78900,
          payments: [{ method: 'cash', amountCents: 78900 }],
          soldAt: new Date().toISOString(),
        },
      };
  }
}

/** Writes `count` domain changes, each with its outbox row in the same transaction. */
export function writeMutations(k: Kiosk, count: number, o: WriteOptions = {}): string[] {
  const kinds = o.kinds ?? ['earn', 'tryon', 'pref', 'sale'];
  const members = o.members ?? S001_MEMBERS;
  const per = Math.max(1, o.perTransaction ?? 1);
  const keys: string[] = [];
  const nowMs = o.nowMs ?? (() => Date.now());
  const ledger = k.db.prepare(
    `INSERT INTO points_ledger (entry_id, member_id, sale_id, delta, reason, created_at) VALUES (?, ?, NULL, ?, ?, ?)`,
  );
  for (let done = 0; done < count;) {
    const n = Math.min(per, count - done);
    k.db.transaction(() => {
      const { deviceId } = deviceIdentity(k.db);
      for (let j = 0; j < n; j++) {
        const i = done + j;
        stamp = tick(stamp ?? { wallMs: 0, counter: 0, deviceId }, nowMs());
        const kind = kinds[i % kinds.length] as WriteKind;
        const member = members[i % members.length] as string;
        const m = mutationFor(kind, i, o, serialize(stamp), member);
        if (kind === 'earn' || kind === 'redeem') {
          const delta = (kind === 'earn' ? 1 : -1) * Number(m.args.points);
          ledger.run(m.idempotencyKey, member, delta, kind, new Date().toISOString());
        }
        (o.enqueue ?? enqueue)(k.db, m);
        keys.push(m.idempotencyKey);
      }
      o.beforeCommit?.();
    });
    done += n;
  }
  return keys;
}

/** Keys of every committed outbox row, with their state. */
export function outboxRows(
  db: WritableDB,
): { key: string; state: string; seq: number; mutation: string }[] {
  return db
    .prepare<[], { key: string; state: string; seq: number; mutation: string }>(
      'SELECT idempotency_key AS key, state, seq, mutation FROM outbox ORDER BY epoch, seq',
    )
    .all();
}

/** Offline redemption as the checkout does it: capped by offlineRedeemAllowance, one outbox row each. */
export function redeemOffline(
  k: Kiosk,
  memberId: string,
  chunk: number,
): { redeemed: number; allowance: number } {
  const caps = JSON.parse(
    k.db
      .prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'cloud.settings'")
      .get()?.value ?? '{}',
  ) as { offlineRedeemDailyCapPoints?: number; offlineRedeemStoreCapPoints?: number };
  const allowanceNow = () => {
    const balance =
      k.db
        .prepare<[string], { points: number }>('SELECT points FROM members WHERE member_id = ?')
        .get(memberId)?.points ?? 0;
    const pending =
      k.db
        .prepare<[string], { p: number }>(
          `SELECT coalesce(sum(json_extract(args, '$.points')), 0) AS p FROM outbox
         WHERE mutation = 'redeemPoints' AND state IN ('pending', 'sent') AND json_extract(args, '$.memberId') = ?`,
        )
        .get(memberId)?.p ?? 0;
    return offlineRedeemAllowance({
      lastSyncedBalance: balance,
      pendingRedemptions: pending,
      dailyCap: caps.offlineRedeemDailyCapPoints ?? 0,
      redeemedToday: pending,
      storeCap: (caps.offlineRedeemStoreCapPoints ?? 0) - pending,
    });
  };
  const allowance = allowanceNow();
  let redeemed = 0;
  while (allowanceNow() >= chunk) {
    writeMutations(k, 1, { kinds: ['redeem'], members: [memberId], points: chunk });
    redeemed += chunk;
  }
  return { redeemed, allowance };
}
