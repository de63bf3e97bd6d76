import type { Db } from '../../db/db';

/** What the HQ routes need: the database, the clock, the admin token (for `hq-user add`). */
export interface HqContext {
  db: Db;
  now: () => Date;
  adminToken: string;
}

/** The brand's current day (Asia/Shanghai), YYYY-MM-DD. */
export function brandToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
