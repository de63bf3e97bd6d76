import type { Handlers } from './contract';

/** Tests of a transport need only a few methods; an unlisted one answers `internal`. */
export function someHandlers(handlers: Partial<Handlers>): Handlers {
  return handlers as Handlers;
}

/** A mirror's `app.info` and `device.list`, for transport tests. */
export function basicHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return someHandlers({
    'app.info': () => ({
      storeId: 'S001',
      storeName: null,
      role: 'mirror',
      language: 'zh-CN',
      version: '0',
    }),
    'device.list': () => [],
    ...overrides,
  });
}
