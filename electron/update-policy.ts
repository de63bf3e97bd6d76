/**
 * When the updater may act. An update check (and an install) runs only while the store is closed
 * and no shopper or staff member has touched the kiosk recently, so an update never interrupts a
 * session; checks are spaced out so a closed store does not poll the feed every minute.
 */
import { fail, ok, type Result } from '../common/result';

export interface UpdateContext {
  now: Date;
  storeOpen: boolean;
  /** The last bridge call or key press; null when there has been none since start. */
  lastActivityAt: Date | null;
  lastCheckAt: Date | null;
}

export interface UpdatePolicy {
  /** A session counts as active until this long after the last activity. */
  idleMs: number;
  /** Minimum time between two checks. */
  minIntervalMs: number;
}

export const defaultUpdatePolicy: UpdatePolicy = {
  idleMs: 15 * 60_000,
  minIntervalMs: 60 * 60_000,
};

export type UpdateDecision =
  { run: true } | { run: false; reason: 'store-open' | 'session-active' | 'checked-recently' };

function sessionActive(context: UpdateContext, policy: UpdatePolicy): boolean {
  return (
    context.lastActivityAt !== null &&
    context.now.getTime() - context.lastActivityAt.getTime() < policy.idleMs
  );
}

export function installDecision(
  context: UpdateContext,
  policy: UpdatePolicy = defaultUpdatePolicy,
): UpdateDecision {
  if (context.storeOpen) return { run: false, reason: 'store-open' };
  if (sessionActive(context, policy)) return { run: false, reason: 'session-active' };
  return { run: true };
}

export function checkDecision(
  context: UpdateContext,
  policy: UpdatePolicy = defaultUpdatePolicy,
): UpdateDecision {
  const install = installDecision(context, policy);
  if (!install.run) return install;
  if (
    context.lastCheckAt !== null &&
    context.now.getTime() - context.lastCheckAt.getTime() < policy.minIntervalMs
  ) {
    return { run: false, reason: 'checked-recently' };
  }
  return { run: true };
}

export type FeedUrlResult = Result<string, 'bad-feed-url'>;

/**
 * The update feed must be HTTPS: the downloaded file's sha512 comes from the feed's `latest*.yml`,
 * so a plain-HTTP feed would let anyone on the path swap both. Loopback HTTP is allowed for tests.
 */
export function parseFeedUrl(text: string): FeedUrlResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('bad-feed-url', `update feed "${text}" is not a URL`);
  }
  const loopback =
    url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return fail('bad-feed-url', `update feed must use https, got ${url.protocol}`);
  }
  if (url.username || url.password)
    return fail('bad-feed-url', 'update feed must not embed credentials');
  return ok(url.href.endsWith('/') ? url.href : `${url.href}/`);
}
