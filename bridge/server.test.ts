import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from './contract';
import { KioskError } from './result';
import { someHandlers } from './test-handlers';
import { createBridgeServer } from './server';

const product = {
  sku: 'A',
  styleId: 'S',
  gtin: '06970001000016',
  name: { zh: '裙', en: 'Dress' },
  color: { code: 'W', zh: '白', en: 'White' },
  size: 'M',
  priceCents: 100,
  listPriceCents: 100,
  stockHere: 1,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return someHandlers({
    'app.info': () => ({
      storeId: 'S001',
      storeName: null,
      role: 'mirror',
      language: 'zh-CN',
      version: '0',
    }),
    'catalog.lookup': ({ code }) => (code === 'known' ? product : null),
    'device.list': () => [],
    ...overrides,
  });
}

describe('bridge server dispatch', () => {
  it('answers a valid call with ok and the handler’s value', async () => {
    const server = createBridgeServer(handlers());
    expect(await server.dispatch('catalog.lookup', { code: 'known' })).toEqual({
      ok: true,
      value: product,
    });
  });

  it('answers an unknown method, including prototype names, with unknown-method', async () => {
    const server = createBridgeServer(handlers());
    for (const method of ['nope', '__proto__', 'constructor', 42, null]) {
      const result = await server.dispatch(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('answers malformed params with bad-request naming the field, without calling the handler', async () => {
    const lookup = vi.fn();
    const server = createBridgeServer(handlers({ 'catalog.lookup': lookup }));
    for (const params of [
      { code: 7 },
      { code: '' },
      { code: 'x'.repeat(300) },
      { code: 'a', extra: 1 },
      'string',
      [1],
    ]) {
      const result = await server.dispatch('catalog.lookup', params);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await server.dispatch('catalog.lookup', { code: 7 })).toMatchObject({
      error: { message: expect.stringMatching(/^code:/) },
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('turns a KioskError into its code and a bug into internal, reporting the bug once', async () => {
    const onInternalError = vi.fn();
    const server = createBridgeServer(
      handlers({
        'catalog.lookup': () => {
          throw new KioskError('not-found', 'no such thing');
        },
        'device.list': () => {
          throw new TypeError('bug');
        },
      }),
      { onInternalError },
    );
    expect(await server.dispatch('catalog.lookup', { code: 'x' })).toEqual({
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
    const server = createBridgeServer(handlers());
    const sink = vi.fn();
    server.subscribe(sink);
    expect(() => server.emit('device.status', { id: 'x' } as never)).toThrow();
    expect(sink).not.toHaveBeenCalled();
  });
});
