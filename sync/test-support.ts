/** A kiosk database and a scripted cloud client for the sync unit tests (no network). */

import { DataKey } from '../core/crypto';
import { enqueue } from '../core/outbox/outbox';
import { type WritableDB } from '../core/store/db';

import { openTestDb } from '../test/support/db';
import type { CloudClient } from './cloud-client';
import type { HttpResult } from './http-client';
import {
  pageChecksum,
  type PullPage,
  type PushRequest,
  type PushResponse,
  type StreamName,
  type StreamRow,
} from './protocol';

/** The cloud's answer to a push that applied every mutation in it. */
export function allApplied(req: PushRequest): HttpResult<PushResponse> {
  return {
    ok: true,
    value: {
      epoch: req.epoch,
      lastSeq: req.mutations.at(-1)?.seq ?? 0,
      results: req.mutations.map((m) => ({
        seq: m.seq,
        key: m.key,
        status: 'applied' as const,
        result: null,
      })),
    },
  };
}

export function testKiosk(): { db: WritableDB; key: DataKey; remove(): void } {
  const db = openTestDb();
  return { db, key: db.key, remove: () => db.close() };
}

export function queue(
  db: WritableDB,
  n: number,
  name: 'logTryOn' | 'redeemPoints' = 'logTryOn',
): void {
  for (let i = 0; i < n; i++)
    db.transaction(() =>
      enqueue(db, {
        name,
        version: 1,
        idempotencyKey: `${name}:${Math.random().toString(36).slice(2)}`,
        args:
          name === 'logTryOn'
            ? {
                tryOnId: `t${i}`,
                sessionId: 's',
                sku: 'A',
                memberId: null,
                action: 'enter',
                at: '2026-11-24T08:00:00Z',
              }
            : { redemptionId: `r${i}`, memberId: 'M1', points: 10, saleId: null },
        hlc: `000001764000000000-000${i % 10}-kiosk`,
      }),
    );
}

export function page(
  stream: StreamName,
  rows: PullPage['rows'],
  o: Partial<PullPage> = {},
): PullPage {
  return {
    stream,
    rows,
    count: rows.length,
    checksum: pageChecksum(rows),
    cursor: 'c1',
    hasMore: false,
    mustRefetch: false,
    snapshot: false,
    ...o,
  };
}

export interface ScriptedCloud extends CloudClient {
  pushes: PushRequest[];
  pulls: { stream: StreamName; cursor: string | null }[];
}

/** A client whose answers come from the given functions (default: apply everything, empty pages). */
export function scriptedCloud(
  o: {
    push?: (req: PushRequest) => HttpResult<PushResponse>;
    pull?: (stream: StreamName, cursor: string | null) => HttpResult<PullPage>;
  } = {},
): ScriptedCloud {
  const pushes: PushRequest[] = [];
  const pulls: { stream: StreamName; cursor: string | null }[] = [];
  return {
    pushes,
    pulls,
    enroll: () =>
      Promise.resolve({
        ok: true,
        value: { deviceId: 'dev_1', storeId: 'S001', token: 'tok-1', epoch: null, lastSeq: 0 },
      }),
    rotate: () =>
      Promise.resolve({ ok: true, value: { token: 'tok-2', previousTokenValidUntil: '' } }),
    push: (_token, req) => {
      pushes.push(structuredClone(req));
      return Promise.resolve((o.push ?? allApplied)(req));
    },
    pull: (_token, stream, cursor) => {
      pulls.push({ stream, cursor });
      return Promise.resolve(
        o.pull ? o.pull(stream, cursor) : { ok: true, value: page(stream, []) },
      );
    },
    // As a server without the bulk route: the kiosk falls back to the plain pull.
    pullBulk: () =>
      Promise.resolve({
        ok: false,
        error: { kind: 'http-4xx', status: 404, code: 'not-found', message: 'no such route' },
      }),
    lookupMember: () => Promise.resolve({ ok: true, value: null }),
    mediaBatch: (_token, hashes) =>
      Promise.resolve({ ok: true, value: { images: [], missing: [...hashes] } }),
    close: () => undefined,
  };
}

/** A `config` page's rows: store S001 and the regular tier (what member rows refer to). */
export const CONFIG_ROWS: StreamRow[] = [
  {
    key: 'store:S001',
    op: 'upsert',
    data: {
      kind: 'store',
      storeId: 'S001',
      nameZh: '店',
      nameEn: 'Shop',
      city: 'SH',
      timezone: 'Asia/Shanghai',
    },
  },
  {
    key: 'tier:regular',
    op: 'upsert',
    data: {
      kind: 'tier',
      tier: 'regular',
      nameZh: '普',
      nameEn: 'Regular',
      discountPct: 0,
      pointsPerYuan: 1,
      minAnnualSpendYuan: 0,
    },
  },
  {
    key: 'settings',
    op: 'upsert',
    data: {
      kind: 'settings',
      offlineRedeemDailyCapPoints: 2000,
      offlineRedeemStoreCapPoints: 20000,
      maxClockSkewMs: 60000,
    },
  },
];
