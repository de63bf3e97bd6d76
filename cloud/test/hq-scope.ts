/** A query scope for the HQ query tests: every channel, no product filter, all stores or some. */
import type { Scope } from '../hq/scope';

export function scopeOf(from: string, to: string, stores: readonly string[] | null = null): Scope {
  return {
    from,
    to,
    channels: ['store', 'online', 'miniapp'],
    category: null,
    season: null,
    style: null,
    locations: stores ? [...stores] : null,
    stores: stores ? [...stores] : null,
  };
}
