/**
 * `npm run cloud -- hq-user add|list|disable …`: console accounts from the command line. `add`
 * asks the running server first (an in-memory PGlite lives only there), else opens the database
 * named by DATABASE_URL or CLOUD_DATA_DIR. Without --password-stdin a random password is made
 * and printed once.
 */
import { parseArgs } from 'node:util';
import { HQ_ROLES, HqUserSchema, type HqRole } from '../hq-api';
import type { Db } from '../db/db';
import { randomPassword } from './auth/passwords';
import { createUser, disableUser, listUsers, type NewUser } from './auth/users';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
  /** The running server, if any: base URL and admin token. */
  server: { url: string; adminToken: string };
  /** Opens the database directly; null when there is none to open. */
  openDb(): Promise<Db | null>;
}

const USAGE = `usage: cloud hq-user add --username NAME --role analyst|store-manager|marketing [--store S001]
                          [--name "Display name"] [--password-stdin]
       cloud hq-user list
       cloud hq-user disable --username NAME`;

const isRole = (v: string | undefined): v is HqRole =>
  (HQ_ROLES as readonly string[]).includes(v ?? '');

export async function hqUserCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      store: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  if (action === 'add') {
    if (!values.username || !isRole(values.role)) {
      io.err(USAGE);
      return 2;
    }
    const generated = !values['password-stdin'];
    const password = generated ? randomPassword() : (await io.readStdin()).replace(/\r?\n$/, '');
    const user: NewUser = {
      username: values.username.trim().toLowerCase(),
      displayName: values.name ?? values.username,
      role: values.role,
      storeId: values.store ?? null,
      password,
    };
    const made = await addViaServer(io, user);
    if (made === 'no-server')
      return withDb(io, async (db) =>
        report(io, await createUser(db, user, new Date()), password, generated),
      );
    return report(io, made, password, generated);
  }
  if (action === 'list')
    return withDb(io, async (db) => {
      for (const u of await listUsers(db))
        io.out(
          `${u.username}\t${u.role}\t${u.storeId ?? '-'}\t${u.disabled ? 'disabled' : 'active'}\t${u.displayName}`,
        );
      return 0;
    });
  if (action === 'disable' && values.username) {
    const username = values.username;
    return withDb(io, async (db) => {
      if (await disableUser(db, username, new Date())) return 0;
      io.err(`no active user ${username}`);
      return 1;
    });
  }
  io.err(USAGE);
  return 2;
}

type Made = { ok: true; value: { username: string } } | { ok: false; error: { message: string } };

function report(io: CliIo, made: Made, password: string, generated: boolean): number {
  if (!made.ok) {
    io.err(made.error.message);
    return 1;
  }
  io.out(`created ${made.value.username}`);
  if (generated) io.out(`password (shown once): ${password}`);
  return 0;
}

async function addViaServer(io: CliIo, user: NewUser): Promise<Made | 'no-server'> {
  let res: Response;
  try {
    res = await fetch(`${io.server.url}/hq/api/admin/users`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${io.server.adminToken}`,
      },
      body: JSON.stringify(user),
    });
  } catch {
    return 'no-server';
  }
  const body: unknown = await res.json().catch(() => null);
  const ok = HqUserSchema.safeParse(body);
  if (ok.success) return { ok: true, value: ok.data };
  return { ok: false, error: { message: `server refused: ${JSON.stringify(body)}` } };
}

async function withDb(io: CliIo, run: (db: Db) => Promise<number>): Promise<number> {
  const db = await io.openDb();
  if (!db) {
    io.err('no server answered, and no DATABASE_URL or CLOUD_DATA_DIR to open');
    return 1;
  }
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}
