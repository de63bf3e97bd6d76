/**
 * The try-on upkeep reads the visits a statement's garments belong to by key, one index probe per
 * session, instead of `session_id = ANY (sessions)`. The function's plan is cached: while
 * `hq_visits` was small (a new brand, or any table between two ANALYZEs that thought so) the
 * cached plan scanned the whole table and compared each row with every session of the statement,
 * and kept doing so as the table grew: 15 ms a statement of ~300 try-ons after 12,000 visits, a
 * seventh of a drain's database time (issue 15). The visits are still locked in key order.
 * Nothing else changes (cloud/test/migration-0360.test.ts compares 350 and 360).
 */
import { sql as perStatement } from './0290-hq-upkeep-per-statement';
import { functionIn, rewrite } from './frozen-functions';

const BY = 'migration 360';

export const tryonUpkeep = rewrite(
  functionIn(perStatement, 'hq_on_tryons', BY),
  `was AS (SELECT x.session_id, x.day, x.store_id FROM hq_visits x WHERE x.session_id = ANY (v_sessions)
          ORDER BY 1 FOR UPDATE),`,
  `was AS (SELECT x.session_id, x.day, x.store_id FROM unnest(v_sessions) AS s(id)
          CROSS JOIN LATERAL (SELECT v.session_id, v.day, v.store_id FROM hq_visits v
            WHERE v.session_id = s.id LIMIT 1 FOR UPDATE) x ORDER BY 1),`,
  BY,
);

export const sql = `
${tryonUpkeep}
`;
