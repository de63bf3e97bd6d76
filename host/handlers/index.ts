/** All bridge handlers, composed from one module per area. */
import type { Handlers } from '../../bridge/contract';
import { appHandlers } from './app';
import type { HostContext } from './context';
import { deviceHandlers } from './device';
import { syncHandlers } from './sync';
import { screenHandlers } from './screens';

export function createHandlers(ctx: HostContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...deviceHandlers(ctx),
    ...syncHandlers(ctx),
    ...screenHandlers(ctx),
  };
}
