import { describe, expect, it, vi } from 'vitest';
import { staffMethodNames, type Handlers } from './contract';
import { KioskError } from './result';
import { basicHandlers, someHandlers } from './test-handlers';
import { createBridgeServer, type BridgeServerOptions } from './server';

const approval = {
  approvalId: 'A1',
  kind: 'remove-item' as const,
  sku: 'A',
  name: null,
  status: 'approved' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return basicHandlers({
    'staff.decide': ({ approvalId }) => (approvalId === 'A1' ? approval : null),
    ...overrides,
  });
}

const staffIn: BridgeServerOptions = { staffSignedIn: () => true };

describe('bridge server dispatch', () => {
  it('answers a valid call with ok and the handler’s value', async () => {
    const server = createBridgeServer(handlers(), staffIn);
    expect(await server.dispatch('staff.decide', { approvalId: 'A1', approve: true })).toEqual({
      ok: true,
      value: approval,
    });
  });

  it('answers an unknown method, including prototype names and removed ones, with unknown-method', async () => {
    const server = createBridgeServer(handlers(), staffIn);
    for (const method of [
      'nope',
      '__proto__',
      'constructor',
      42,
      null,
      // Removed: no screen used them (a typed card number, a sync without staff, the raw queue).
      'member.identify',
      'sync.now',
      'staff.requests',
      'catalog.lookup',
    ]) {
      const result = await server.dispatch(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('answers malformed params with bad-request naming the field, without calling the handler', async () => {
    const decide = vi.fn();
    const server = createBridgeServer(handlers({ 'staff.decide': decide }), staffIn);
    for (const params of [
      { approvalId: 7, approve: true },
      { approvalId: '', approve: true },
      { approvalId: 'x'.repeat(300), approve: true },
      { approvalId: 'a', approve: true, extra: 1 },
      'string',
      [1],
    ]) {
      const result = await server.dispatch('staff.decide', params);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await server.dispatch('staff.decide', { approvalId: 7, approve: true })).toMatchObject({
      error: { message: expect.stringMatching(/→ at approvalId/) },
    });
    expect(decide).not.toHaveBeenCalled();
  });

  it('refuses every staff-only method without a staff session, before reading its params', async () => {
    let signedIn = false;
    const onForbidden = vi.fn();
    const called = vi.fn();
    const all = Object.fromEntries(staffMethodNames.map((m) => [m, called]));
    const server = createBridgeServer(someHandlers(all), {
      staffSignedIn: () => signedIn,
      onForbidden,
    });
    expect(staffMethodNames).toEqual(
      expect.arrayContaining(['device.list', 'staff.decide', 'staff.member', 'staff.syncNow']),
    );
    expect(staffMethodNames).not.toContain('staff.login');
    for (const method of staffMethodNames) {
      expect(await server.dispatch(method, { junk: true })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(called).not.toHaveBeenCalled();
    expect(onForbidden).toHaveBeenCalledTimes(staffMethodNames.length);
    signedIn = true;
    expect(await server.dispatch('device.list', {})).toMatchObject({ ok: true });
    expect(called).toHaveBeenCalledTimes(1);
  });

  it('turns a KioskError into its code and a bug into internal, reporting the bug once', async () => {
    const onInternalError = vi.fn();
    const server = createBridgeServer(
      handlers({
        'staff.decide': () => {
          throw new KioskError('not-found', 'no such thing');
        },
        'device.list': () => {
          throw new TypeError('bug');
        },
      }),
      { ...staffIn, onInternalError },
    );
    expect(await server.dispatch('staff.decide', { approvalId: 'x', approve: false })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such thing' },
    });
    expect(await server.dispatch('device.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'device.list failed' },
    });
    expect(onInternalError).toHaveBeenCalledTimes(1);
  });

  it('validates events before they reach any transport', () => {
    const server = createBridgeServer(handlers(), staffIn);
    const sink = vi.fn();
    server.subscribe(sink);
    expect(() => server.emit('device.status', { id: 'x' } as never)).toThrow();
    expect(sink).not.toHaveBeenCalled();
  });
});
