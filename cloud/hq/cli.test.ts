/**
 * `cloud hq-user …`: adds a user through the running server (admin route) or, with no server,
 * straight into the database; lists and disables users; prints a generated password once.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { createPgliteDb } from '../db/pglite-db';
import { ADMIN, startCloud, type Cloud } from '../test/harness';
import { login } from './auth/sessions';
import { hqUserCommand, type CliIo } from './cli';

function io(o: { url: string; db?: () => Promise<Db | null>; stdin?: string }) {
  const lines: string[] = [];
  const errors: string[] = [];
  const value: CliIo = {
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    readStdin: async () => o.stdin ?? '',
    server: { url: o.url, adminToken: ADMIN },
    openDb: o.db ?? (async () => null),
  };
  return { io: value, lines, errors };
}

let cloud: Cloud;
let url: string;
beforeAll(async () => {
  cloud = await startCloud('pglite');
  await cloud.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(cloud.app.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => cloud.close());

describe('hq-user', () => {
  it('adds a user through the running server and prints the generated password once', async () => {
    const t = io({ url });
    expect(
      await hqUserCommand(
        ['add', '--username', 'Mgr.S003', '--role', 'store-manager', '--store', 'S003'],
        t.io,
      ),
    ).toBe(0);
    expect(t.lines[0]).toBe('created mgr.s003');
    const password = /password \(shown once\): (\S+)/.exec(t.lines[1] ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    const signed = await login(cloud.db, 'mgr.s003', password, new Date());
    expect(signed.ok && signed.value.user).toMatchObject({
      role: 'store-manager',
      storeId: 'S003',
    });
    const again = io({ url });
    expect(
      await hqUserCommand(['add', '--username', 'mgr.s003', '--role', 'analyst'], again.io),
    ).toBe(1);
    expect(again.errors.join()).toMatch(/refused/);
  });

  it('without a server, writes to the database; reads the password from stdin; lists and disables', async () => {
    const db = await createPgliteDb();
    await migrate(db);
    let opened = 0;
    const open = async () => {
      opened++;
      return {
        ...db,
        close: async () => undefined, // the test closes it
      };
    };
    const closed = 'http://127.0.0.1:1';
    const add = io({ url: closed, db: open, stdin: 'a long secret 42\n' });
    expect(
      await hqUserCommand(
        [
          'add',
          '--username',
          'mark.one',
          '--role',
          'marketing',
          '--name',
          '市场一',
          '--password-stdin',
        ],
        add.io,
      ),
    ).toBe(0);
    expect(add.lines).toEqual(['created mark.one']);
    expect((await login(db, 'mark.one', 'a long secret 42', new Date())).ok).toBe(true);
    const list = io({ url: closed, db: open });
    expect(await hqUserCommand(['list'], list.io)).toBe(0);
    expect(list.lines).toEqual(['mark.one\tmarketing\t-\tactive\t市场一']);
    expect(
      await hqUserCommand(['disable', '--username', 'mark.one'], io({ url: closed, db: open }).io),
    ).toBe(0);
    expect((await login(db, 'mark.one', 'a long secret 42', new Date())).ok).toBe(false);
    expect(
      await hqUserCommand(['disable', '--username', 'mark.one'], io({ url: closed, db: open }).io),
    ).toBe(1);
    expect(opened).toBe(4);
    await db.close();
  });

  it('explains its usage', async () => {
    const t = io({ url });
    expect(await hqUserCommand(['add', '--username', 'x.y.z', '--role', 'root'], t.io)).toBe(2);
    expect(t.errors[0]).toMatch(/usage: cloud hq-user add/);
    expect(await hqUserCommand([], io({ url }).io)).toBe(2);
  });
});
