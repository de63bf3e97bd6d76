import type { Handlers } from './contract';

/** Tests of a transport need only a few methods; an unlisted one answers `internal`. */
export function someHandlers(handlers: Partial<Handlers>): Handlers {
  return handlers as Handlers;
}
