/**
 * One console user per role for the demo, with passwords everyone can read in the README: the
 * demo is for trying the console on a laptop. `npm run cloud` prints the logins that still have
 * their demo password (a changed password is not advertised).
 */
import type { HqRole } from '../../hq-api';
import type { Db } from '../../db/db';
import { verifyPassword } from '../auth/passwords';
import { createUser } from '../auth/users';

export const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  role: HqRole;
  storeId: string | null;
  password: string;
}[] = [
  {
    username: 'analyst',
    displayName: '王分析 (Analyst)',
    role: 'analyst',
    storeId: null,
    password: 'analyst-demo-2026',
  },
  {
    username: 'manager.s001',
    displayName: '李店长 (S001 manager)',
    role: 'store-manager',
    storeId: 'S001',
    password: 'manager-demo-2026',
  },
  {
    username: 'marketing',
    displayName: '陈市场 (Marketing)',
    role: 'marketing',
    storeId: null,
    password: 'marketing-demo-2026',
  },
];

export async function createDemoUsers(db: Db, now: Date): Promise<void> {
  for (const u of DEMO_USERS) await createUser(db, u, now);
}

/** The demo logins whose account still has its demo password. */
export async function demoLoginsInUse(db: Db): Promise<typeof DEMO_USERS> {
  const { rows } = await db.query<{ username: string; password_hash: string }>(
    'SELECT username, password_hash FROM hq_users WHERE disabled_at IS NULL AND username = ANY($1::text[])',
    [`{${DEMO_USERS.map((u) => u.username).join(',')}}`],
  );
  const live = [];
  for (const u of DEMO_USERS) {
    const row = rows.find((r) => r.username === u.username);
    if (row && (await verifyPassword(u.password, row.password_hash))) live.push(u);
  }
  return live;
}
