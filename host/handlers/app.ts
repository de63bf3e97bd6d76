import type { Handlers } from '../../bridge/contract';
import { storeName } from '../../core/catalog/stores';
import { readOnly } from '../../core/store/db';
import type { HostContext } from './context';

export function appHandlers(ctx: HostContext): Pick<Handlers, 'app.info'> {
  const name = storeName(readOnly(ctx.db), ctx.config.storeId);
  return {
    'app.info': () => ({
      storeId: ctx.config.storeId,
      storeName: name,
      role: ctx.config.role,
      language: ctx.config.language,
      version: ctx.version,
    }),
  };
}
