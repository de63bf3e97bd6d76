import type { Handlers } from '../../bridge/contract';
import type { HostContext } from './context';

export function syncHandlers(ctx: HostContext): Pick<Handlers, 'sync.status'> {
  return {
    'sync.status': () => ctx.sync.status(),
  };
}
