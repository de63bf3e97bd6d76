/**
 * Review of the online-channel API (issue 13.3) with cases the first tests did not cover: a
 * revoked credential, a credential of the right shape with a made-up secret, a malformed member id
 * (refused calls are audited too), profiling consent withdrawn from a kiosk, and the cloud's log
 * holding neither the credential nor the member's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import {
  ADMIN,
  capturedLogger,
  enrollDevice,
  env,
  push,
  startCloud,
  type Cloud,
} from '../test/harness';

let cloud: Cloud;
let dev: EnrollResponse;
let credential = '';
let seq = 0;
const captured = capturedLogger('info');
const logLines = captured.lines;
const MEMBER = 'M000017'; // S001, profiling consent

const get = (path: string, token = credential) =>
  cloud.app.inject({
    method: 'GET',
    url: `/online/v1/members/${path}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const auditCount = async () =>
  (await cloud.db.query<{ n: number }>('SELECT count(*)::int AS n FROM online_audit')).rows[0]?.n ??
  0;
const lastAudit = async () =>
  (
    await cloud.db.query<{ client_id: string | null; member_id: string | null; status: number }>(
      'SELECT client_id, member_id, status FROM online_audit ORDER BY id DESC LIMIT 1',
    )
  ).rows[0];

beforeAll(async () => {
  cloud = await startCloud('pglite', { app: { logger: captured.logger } });
  dev = await enrollDevice(cloud, 'S001');
  const made = await cloud.app.inject({
    method: 'POST',
    url: '/admin/online-clients',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { name: 'e-shop' },
  });
  credential = made.json().credential;
}, 60_000);
afterAll(async () => cloud.close());

describe('online API, refused calls', () => {
  it('refuses a credential of the right shape whose secret is made up, and audits it', async () => {
    const [id] = credential.split('.');
    const forged = `${id}.${'A'.repeat(43)}`;
    const before = await auditCount();
    expect((await get(`${MEMBER}/profile`, forged)).statusCode).toBe(401);
    expect(await auditCount()).toBe(before + 1);
    expect(await lastAudit()).toMatchObject({ client_id: null, status: 401 });
  });

  it('audits a call whose member id is malformed, as refused', async () => {
    const before = await auditCount();
    const res = await get(`${'M'.repeat(41)}/profile`);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await auditCount()).toBe(before + 1);
    expect((await lastAudit())?.status).toBe(res.statusCode);
  });

  it('gives a 404 once the member withdraws profiling consent at a kiosk', async () => {
    expect((await get(`${MEMBER}/profile`)).statusCode).toBe(200);
    const res = await push(cloud, dev, 'e-online', [
      env(++seq, 'recordConsent', {
        consentId: 'C-ONL-1',
        memberId: MEMBER,
        kind: 'profile',
        granted: false,
      }),
    ]);
    expect(res.json(), res.body).toMatchObject({ results: [{ status: 'applied' }] });
    for (const p of ['profile', 'recommendations', 'looks']) {
      const r = await get(`${MEMBER}/${p}`);
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe((await get(`M999999/${p}`)).body);
    }
  });

  it('refuses a revoked credential', async () => {
    const id = credential.split('.')[0] ?? '';
    await cloud.db.query('UPDATE online_clients SET revoked_at = now() WHERE client_id = $1', [id]);
    expect((await get(`${MEMBER}/profile`)).statusCode).toBe(401);
    expect(await lastAudit()).toMatchObject({ client_id: null, status: 401 });
  });

  it('logs neither the credential nor the member id', () => {
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(credential.split('.')[1]);
    expect(log).not.toContain(MEMBER);
  });
});
