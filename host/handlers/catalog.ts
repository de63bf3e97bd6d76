import type { Handlers } from '../../bridge/contract';
import { toProductView } from '../scan';
import type { HostContext } from './context';

export function catalogHandlers(ctx: HostContext): Pick<Handlers, 'catalog.lookup'> {
  return {
    'catalog.lookup': ({ code }) => {
      const item = ctx.catalog.lookup(code);
      return item ? toProductView(item) : null;
    },
  };
}
