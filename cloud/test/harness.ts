import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import {
  formatHlc,
  type EnrollResponse,
  type MutationEnvelope,
  type PullPage,
} from '../../sync/protocol';
import { buildCloudApp, type CloudAppOptions } from '../app';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgDb } from '../db/pg-db';
import { createPgliteDb } from '../db/pglite-db';
import { loadDemoStore } from '../demo/load-demo-store';

export const DEMO_DIR = resolve(import.meta.dirname, '../../fixtures/demo-store');
export const ADMIN = 'test-admin-token';

/** PGlite always; PostgreSQL too when DATABASE_URL is set (each file in its own schema). */
export const DB_KINDS: ('pglite' | 'pg')[] = process.env.DATABASE_URL
  ? ['pglite', 'pg']
  : ['pglite'];

export interface Cloud {
  db: Db;
  app: FastifyInstance;
  clock: { ms: number };
  /** For pg: a fresh connection string + schema to open concurrent raw connections. */
  pgSchema: string | null;
  close(): Promise<void>;
}

export async function startCloud(
  kind: 'pglite' | 'pg',
  opts: { demo?: boolean; app?: Partial<CloudAppOptions> } = {},
): Promise<Cloud> {
  const schema = kind === 'pg' ? `t_${randomBytes(6).toString('hex')}` : null;
  const url = process.env.DATABASE_URL ?? '';
  const db =
    kind === 'pg'
      ? await createPgDb({ connectionString: url, schema: schema ?? undefined })
      : await createPgliteDb();
  await migrate(db);
  if (opts.demo !== false) await loadDemoStore(db, DEMO_DIR);
  const clock = { ms: Date.parse('2026-11-20T10:00:00Z') };
  const app = await buildCloudApp({
    db,
    adminToken: ADMIN,
    now: () => new Date(clock.ms),
    ...opts.app,
  });
  return {
    db,
    app,
    clock,
    pgSchema: schema,
    async close() {
      await app.close();
      await db.close();
      if (schema) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      }
    },
  };
}

/**
 * Another instance on the cloud's database, as a second server behind the load balancer would run
 * (on PostgreSQL with its own pool; on PGlite over the same in-process database), same clock.
 */
export async function secondInstance(
  cloud: Cloud,
  opts: Partial<CloudAppOptions> = {},
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const db =
    cloud.pgSchema !== null
      ? await createPgDb({
          connectionString: process.env.DATABASE_URL ?? '',
          schema: cloud.pgSchema,
        })
      : cloud.db;
  const app = await buildCloudApp({
    db,
    adminToken: ADMIN,
    now: () => new Date(cloud.clock.ms),
    ...opts,
  });
  return {
    app,
    async close() {
      await app.close();
      if (db !== cloud.db) await db.close();
    },
  };
}

/** How many rows of `table` have `column` = `value`. */
export async function countWhere(
  cloud: Cloud,
  table: string,
  column: string,
  value: string,
): Promise<number | undefined> {
  const { rows } = await cloud.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
    [value],
  );
  return rows[0]?.n;
}

/** A raw pg client on the test schema, for concurrent-transaction tests. */
export async function rawPgClient(cloud: Cloud): Promise<pg.Client> {
  const c = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    options: `-c search_path=${cloud.pgSchema}`,
  });
  await c.connect();
  return c;
}

/** A `POST` to the admin API with the admin token (or, to be refused, another one). */
export function adminPost(cloud: Cloud, url: string, payload?: object, token = ADMIN) {
  return cloud.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload }),
  });
}

export async function createCode(
  cloud: Cloud,
  storeId = 'S001',
  ttlSeconds?: number,
): Promise<string> {
  const res = await adminPost(
    cloud,
    '/admin/enrollment-codes',
    ttlSeconds === undefined ? { storeId } : { storeId, ttlSeconds },
  );
  if (res.statusCode !== 200) throw new Error(`createCode ${res.statusCode} ${res.body}`);
  return (res.json() as { code: string }).code;
}

export async function enrollDevice(cloud: Cloud, storeId = 'S001'): Promise<EnrollResponse> {
  const code = await createCode(cloud, storeId);
  const res = await cloud.app.inject({
    method: 'POST',
    url: '/v1/enroll',
    payload: { code, deviceName: 'test kiosk' },
  });
  if (res.statusCode !== 200) throw new Error(`enroll ${res.statusCode} ${res.body}`);
  return res.json();
}

export function push(
  cloud: Cloud,
  dev: EnrollResponse,
  epoch: string,
  mutations: MutationEnvelope[],
) {
  return cloud.app.inject({
    method: 'POST',
    url: '/v1/push',
    headers: { authorization: `Bearer ${dev.token}` },
    payload: { deviceId: dev.deviceId, epoch, mutations },
  });
}

export async function pull(
  cloud: Cloud,
  token: string,
  stream: string,
  cursor?: string | null,
  limit?: number,
): Promise<PullPage> {
  const q = new URLSearchParams();
  if (cursor) q.set('cursor', cursor);
  if (limit) q.set('limit', String(limit));
  const res = await cloud.app.inject({
    method: 'GET',
    url: `/v1/pull/${stream}?${q.toString()}`,
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.statusCode !== 200) throw new Error(`pull ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Pulls pages until hasMore is false; returns the rows in order and the final cursor. */
export async function pullAll(
  cloud: Cloud,
  token: string,
  stream: string,
  cursor: string | null = null,
  limit = 500,
) {
  const rows: PullPage['rows'] = [];
  let c = cursor;
  for (;;) {
    const page = await pull(cloud, token, stream, c, limit);
    if (page.mustRefetch) return { rows, cursor: c, mustRefetch: true };
    rows.push(...page.rows);
    c = page.cursor;
    if (!page.hasMore) return { rows, cursor: c, mustRefetch: false };
  }
}

/** `POST /v1/members/lookup` with the credential the shopper presented. */
export function lookup(
  cloud: Cloud,
  token: string,
  by: { cardNo: string } | { qrToken: string } | Record<string, unknown>,
) {
  return cloud.app.inject({
    method: 'POST',
    url: '/v1/members/lookup',
    headers: { authorization: `Bearer ${token}` },
    payload: by,
  });
}

let counter = 0;
/** Builds an envelope; the HLC is `wallMs` (default the fake clock) with counter 0. */
export function env(
  seq: number,
  name: string,
  args: unknown,
  o: { key?: string; hlcMs?: number; version?: number; presence?: string } = {},
): MutationEnvelope {
  counter++;
  return {
    seq,
    key: o.key ?? `${name}:${counter}:${randomBytes(4).toString('hex')}`,
    name,
    version: o.version ?? 1,
    args,
    hlc: formatHlc({ wallMs: o.hlcMs ?? Date.parse('2026-11-20T10:00:00Z'), counter: 0 }),
    ...(o.presence ? { presence: o.presence } : {}),
  };
}

/** The arguments of an anonymous `logTryOn` (garment entering the fitting room of visit V1). */
export const tryOnArgs = (tryOnId: string) => ({
  tryOnId,
  sessionId: 'V1',
  sku: 'DRE001-WHT-XS',
  memberId: null,
  action: 'enter',
  at: '2026-11-20T09:00:00Z',
});

/** The arguments of a `recordSale` of one garment, paid in full in one payment. */
export const saleArgs = (
  saleId: string,
  o: {
    memberId?: string | null;
    sku?: string;
    unitPriceCents?: number;
    discountCents?: number;
    method?: string;
    soldAt?: string;
  } = {},
) => {
  const unitPriceCents = o.unitPriceCents ?? 78900;
  const discountCents = o.discountCents ?? 0;
  const totalCents = unitPriceCents - discountCents;
  return {
    saleId,
    memberId: o.memberId ?? null,
    lines: [{ sku: o.sku ?? 'DRE001-WHT-XS', qty: 1, unitPriceCents, discountCents }],
    totalCents,
    payments: [{ method: o.method ?? 'cash', amountCents: totalCents }],
    soldAt: o.soldAt ?? '2026-11-20T09:00:00Z',
  };
};

/** A heartbeat from a healthy mirror that has nothing queued and no device or error to report. */
export const quietHeartbeat = (deviceId: string, appVersion = '1.0.0') => ({
  deviceId,
  appVersion,
  role: 'mirror',
  lastSyncAt: null,
  outboxDepth: 0,
  parked: 0,
  oldestPendingAt: null,
  devices: [],
  errors24h: 0,
  lastErrorKind: null,
});

/** A cloud logger whose every line lands in `lines`, for tests that read what was logged. */
export function capturedLogger(level: pino.Level): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
