import type { Handlers } from '../../bridge/contract';
import type { HostContext } from './context';

export function syncHandlers(ctx: HostContext): Pick<Handlers, 'sync.status' | 'sync.now'> {
  return {
    'sync.status': () => ctx.sync.status(),
    'sync.now': async () => {
      ctx.log.info('staff asked to sync now');
      return ctx.sync.syncNow();
    },
  };
}
