import type { Handlers } from '../../bridge/contract';
import type { HostContext } from './context';

export function appHandlers(ctx: HostContext): Pick<Handlers, 'app.info'> {
  const storeName =
    ctx.db
      .prepare<[string], { zh: string; en: string }>(
        'SELECT name_zh AS zh, name_en AS en FROM stores WHERE location_id = ?',
      )
      .get(ctx.config.storeId) ?? null;
  return {
    'app.info': () => ({
      storeId: ctx.config.storeId,
      storeName,
      role: ctx.config.role,
      language: ctx.config.language,
      version: ctx.version,
    }),
  };
}
