/**
 * The web shell's trust boundary, tried as a local process would: a real kiosk host on the demo
 * store behind the real web shell on a loopback port, reached by raw WebSocket clients that choose
 * every part of the upgrade.
 */
import { describe, expect, it } from 'vitest';
import { staffMethodNames, type MethodInput, type StaffMethodName } from '../../bridge/contract';
import { clientProtocols, bridgeProtocol } from '../../bridge/wire';
import { bridgeClient, rawBridgeSocket, tokenOf } from '../../test/support/bridge-client';
import { useDemoWebShell } from '../../test/support/web-shell';
import { startWebShell, type UpgradeRefusal } from './server';

const MEMBER_CARD = '6280000000000016'; // M000001 in the demo store
const refusals: UpgradeRefusal[] = [];
const web = useDemoWebShell({ role: 'staff', onUpgradeRefused: (r) => refusals.push(r) });

const origin = web.origin;
async function upgrade(o: { protocols?: string[]; origin?: string }): Promise<number> {
  const outcome = await rawBridgeSocket(web.shell.url, o);
  if (outcome.socket) web.keep(outcome.socket);
  return outcome.status;
}

const auditRows = () =>
  (web.host.db.raw.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

describe('the session token', () => {
  it('is fresh at each start, at least 128 bits, and rides only in the URL fragment', async () => {
    const token = tokenOf(web.shell.url);
    expect(web.shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#t=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const other = await startWebShell({
      bridge: web.host.bridge,
      rendererDir: web.rendererDir,
      port: 0,
    });
    expect(tokenOf(other.url)).not.toBe(token);
    await other.close();
  });

  it('refuses an upgrade without the right token whatever the Origin, and one without Origin', async () => {
    const token = tokenOf(web.shell.url);
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    refusals.length = 0;
    expect(await upgrade({ origin: origin() })).toBe(401);
    expect(await upgrade({ protocols: [bridgeProtocol], origin: origin() })).toBe(401);
    expect(await upgrade({ protocols: clientProtocols(wrong), origin: origin() })).toBe(401);
    expect(await upgrade({ protocols: clientProtocols(`${token}x`), origin: origin() })).toBe(401);
    expect(await upgrade({ protocols: clientProtocols(wrong) })).toBe(403);
    expect(await upgrade({ protocols: clientProtocols(token) })).toBe(403);
    expect(
      await upgrade({ protocols: clientProtocols(token), origin: 'http://evil.example' }),
    ).toBe(403);
    expect(refusals).toEqual([
      'bad-token',
      'bad-token',
      'bad-token',
      'bad-token',
      'foreign-origin',
      'foreign-origin',
      'foreign-origin',
    ]);
    expect(await upgrade({ protocols: clientProtocols(token), origin: origin() })).toBe(101);
  });
});

describe('what a local process can do', () => {
  it('cannot sign a member in by a typed card number, with or without the token', async () => {
    const before = auditRows();
    // Without the token there is no bridge at all.
    expect(await upgrade({ origin: origin() })).toBe(401);
    // With it (the screen itself), no method takes a typed card number from a shopper…
    const api = bridgeClient(web.shell.url);
    const raw = await rawBridgeSocket(web.shell.url, {
      protocols: clientProtocols(tokenOf(web.shell.url)),
      origin: origin(),
    });
    if (raw.socket) web.keep(raw.socket);
    const answer = new Promise((resolve) => raw.socket?.once('message', (d) => resolve(String(d))));
    raw.socket?.send(
      JSON.stringify({
        t: 'call',
        id: 1,
        m: 'member.identify',
        p: { kind: 'card', value: MEMBER_CARD },
      }),
    );
    expect(JSON.parse(String(await answer))).toMatchObject({
      r: { ok: false, error: { code: 'unknown-method' } },
    });
    // …and the staff look-up needs a signed-in staff member.
    expect(await api['staff.member']({ kind: 'card', value: MEMBER_CARD })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const view = await api['session.current']({});
    expect(view).toMatchObject({ ok: true, value: { member: null, staff: null } });
    expect(auditRows()).toBe(before);
    api.close();
  });

  /** Valid parameters for every staff-only method: the compiler asks for one per new method. */
  const samples: { [M in StaffMethodName]: MethodInput<M> } = {
    'device.list': {},
    'staff.updateRequest': { requestId: 'R1', status: 'done' },
    'staff.decide': { approvalId: 'A1', approve: true },
    'staff.member': { kind: 'card', value: MEMBER_CARD },
    'staff.closeMember': {},
    'staff.guidedStart': {},
    'staff.guidedEnd': {},
    'staff.overridePrice': { sku: 'DRE001-WHT-XS', priceCents: 1, reason: 'other' },
    'staff.void': {},
    'staff.syncNow': {},
    'staff.syncTasks': {},
    'staff.resolveSyncTask': { taskId: 'T1' },
  };

  it('is refused every staff-only method without a staff session, and nothing changes', async () => {
    const api = bridgeClient(web.shell.url);
    const viewBefore = await api['session.current']({});
    const auditBefore = auditRows();
    for (const method of staffMethodNames) {
      const call = api[method] as (input: unknown) => Promise<unknown>;
      expect(await call(samples[method]), method).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await api['session.current']({})).toEqual(viewBefore);
    expect(auditRows()).toBe(auditBefore);
    api.close();
  });

  it('lets a signed-in staff member look a member up, audited, and look-ups that find nobody too', async () => {
    const api = bridgeClient(web.shell.url);
    const login = await api['staff.login']({ badge: 'BADGE-1001', pin: '2468' });
    expect(login).toMatchObject({ ok: true, value: { staff: { staffId: 'E1001' } } });
    const found = await api['staff.member']({ kind: 'card', value: MEMBER_CARD });
    expect(found.ok && found.value.staffDesk?.memberPanel?.memberId).toBe('M000001');
    await api['staff.member']({ kind: 'card', value: '6280009999999999' });
    const audit = web.host.db.raw
      .prepare("SELECT actor, action, detail FROM audit WHERE action LIKE 'staff.member%'")
      .all() as Array<{ actor: string; action: string; detail: string }>;
    expect(audit.map((row) => `${row.actor} ${row.action}`)).toEqual([
      'E1001 staff.member.view',
      'E1001 staff.member.not-found',
    ]);
    expect(audit.map((row) => row.detail).join()).not.toContain('628000');
    expect(await api['staff.logout']({})).toMatchObject({ ok: true, value: { staff: null } });
    api.close();
  });
});
