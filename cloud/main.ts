/**
 * The member cloud entry point.
 *   node bin/run-ts.mjs cloud/main.ts                      start (PGlite, or DATABASE_URL)
 *   node bin/run-ts.mjs cloud/main.ts enroll-code --store S001 [--ttl 900]   print a one-time code
 *   node bin/run-ts.mjs cloud/main.ts train                 train the recommendation model now
 *   node bin/run-ts.mjs cloud/main.ts hq-user add|list|disable …   HQ console accounts (cloud/hq/cli.ts)
 * Env: DATABASE_URL, CLOUD_DATA_DIR (PGlite directory; default in memory), CLOUD_PORT (8787),
 * CLOUD_ADMIN_TOKEN (default a dev token, fine on loopback only), CLOUD_URL (for enroll-code),
 * CLOUD_PRESENCE_SECRET (HMAC key of presence tickets, the same on every instance; default one
 * kept in the database), CLOUD_TRUST_PROXY (true, or the proxy's address: per-address limits then
 * use X-Forwarded-For), CLOUD_TRAIN_AT (HH:MM UTC of the nightly recommendation training; default
 * 19:00 = 03:00 +08:00; `off` = never), LOG_LEVEL.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CreateEnrollmentCodeResponseSchema } from '../sync/protocol';
import { buildCloudApp } from './app';
import { DEFAULT_CODE_TTL_S, createEnrollmentCode } from './auth/enrollment';
import { hqUserCommand } from './hq/cli';
import { demoLoginsInUse } from './hq/demo/demo-users';
import { openCloudDb } from './open-db';
import { trainCommand } from './recommend/train-command';
import { startNightlyTraining } from './recommend/scheduler';

const DEV_ADMIN_TOKEN = 'dev-admin-token';
const env = process.env;
const port = Number(env.CLOUD_PORT ?? 8787);
const adminToken = env.CLOUD_ADMIN_TOKEN ?? DEV_ADMIN_TOKEN;
const demoDir = resolve(import.meta.dirname, '../fixtures/demo-store');
const hqConsoleDir = resolve(import.meta.dirname, '../dist/hq');
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function start(): Promise<void> {
  const log = pino({ level: env.LOG_LEVEL ?? 'info' }).child({ mod: 'cloud' });
  const { db, loadedDemo } = await openCloudDb({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.CLOUD_DATA_DIR,
    demoDir,
  });
  const trustProxy = env.CLOUD_TRUST_PROXY;
  const app = await buildCloudApp({
    db,
    adminToken,
    logger: log,
    presenceSecret: env.CLOUD_PRESENCE_SECRET,
    ...(trustProxy ? { trustProxy: trustProxy === 'true' ? true : trustProxy } : {}),
    hq: { consoleDir: hqConsoleDir },
  });
  // Training starts after the server listens: a first model over a big catalog takes minutes of
  // CPU and must not hold the start. `CLOUD_TRAIN_AT=off` (benches) never trains in this process.
  let nightly: { stop(): void } | null = null;
  const shutdown = async () => {
    nightly?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ host: '127.0.0.1', port });
  out(
    `member cloud on ${db.kind}${loadedDemo ? ' (demo store loaded)' : ''}: http://127.0.0.1:${port}  (API docs: /docs)`,
  );
  if (adminToken === DEV_ADMIN_TOKEN)
    out(`admin token: ${DEV_ADMIN_TOKEN} (set CLOUD_ADMIN_TOKEN outside development)`);
  out(`HQ console: http://127.0.0.1:${port}/hq/`);
  for (const u of await demoLoginsInUse(db))
    out(
      `  demo login (${u.role}${u.storeId ? ` ${u.storeId}` : ''}): ${u.username} / ${u.password}`,
    );
  const trainAt = env.CLOUD_TRAIN_AT ?? '19:00';
  if (trainAt !== 'off')
    nightly = startNightlyTraining({ db, at: trainAt, log: log.child({ mod: 'cloud/recommend' }) });
}

/** Asks a running server first (an in-memory PGlite lives only there), else opens the database. */
async function enrollCode(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { store: { type: 'string' }, ttl: { type: 'string' } },
  });
  if (!values.store) {
    err('usage: cloud/main.ts enroll-code --store S001 [--ttl seconds]');
    return 2;
  }
  const ttlSeconds = values.ttl ? Number(values.ttl) : DEFAULT_CODE_TTL_S;
  const url = env.CLOUD_URL ?? `http://127.0.0.1:${port}`;
  try {
    const res = await fetch(`${url}/admin/enrollment-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ storeId: values.store, ttlSeconds }),
    });
    const body: unknown = await res.json();
    const parsed = CreateEnrollmentCodeResponseSchema.safeParse(body);
    if (parsed.success) {
      out(parsed.data.code);
      return 0;
    }
    err(`server refused: ${JSON.stringify(body)}`);
    return 1;
  } catch {
    if (!env.DATABASE_URL && !env.CLOUD_DATA_DIR) {
      err(`no server at ${url}, and no DATABASE_URL or CLOUD_DATA_DIR to open directly`);
      return 1;
    }
  }
  const { db } = await openCloudDb({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.CLOUD_DATA_DIR,
    demoDir,
  });
  try {
    const r = await createEnrollmentCode(db, values.store, ttlSeconds, new Date());
    if (!r.ok) {
      err(r.error.message);
      return 1;
    }
    out(r.value.code);
    return 0;
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'enroll-code') {
  process.exitCode = await enrollCode(rest);
} else if (command === 'train') {
  process.exitCode = await trainCommand({ env, demoDir, out, err, progress: process.stderr });
} else if (command === 'hq-user') {
  process.exitCode = await hqUserCommand(rest, {
    out,
    err,
    readStdin,
    server: { url: env.CLOUD_URL ?? `http://127.0.0.1:${port}`, adminToken },
    openDb: async () =>
      env.DATABASE_URL || env.CLOUD_DATA_DIR
        ? (
            await openCloudDb({
              databaseUrl: env.DATABASE_URL,
              dataDir: env.CLOUD_DATA_DIR,
              demoDir,
            })
          ).db
        : null,
  });
} else if (command === undefined || command === 'start') {
  await start();
} else {
  err(`unknown command ${command}; use start, enroll-code, train or hq-user`);
  process.exitCode = 2;
}
