/**
 * The shopper's reactions at the mirror: like / not for me (with an optional reason) are recorded
 * as try-ons through core/sessions, and — for a signed-in member who consented to profiling — as
 * preferences (last writer wins by HLC across kiosks); a size request goes to the staff queue,
 * which commits it with its outbox row so every kiosk of the store sees it (offline: once the
 * network is back).
 */
import type { SessionView } from '../../../bridge/views';
import { recordTryOn, setPreference, type TryOnReason } from '../../../core/sessions';
import type { Catalog } from '../../../core/catalog/lookup';
import type { WritableDB } from '../../../core/store/db';
import type { StaffQueue } from './staff-queue';
import type { Visit } from './visit';

/** What a reaction says about the member's taste, as preference keys and values. */
export function preferencesFromReaction(
  card: { styleId: string; color: { code: string }; size: string },
  reaction: 'liked' | 'rejected',
  reason: TryOnReason | null,
): Array<{ key: string; value: string | { tried: string; verdict: string } }> {
  const style = `style.${card.styleId.toLowerCase()}`;
  const colour = `colour.${card.color.code.toLowerCase()}`;
  if (reaction === 'liked')
    return [
      { key: style, value: 'liked' },
      { key: colour, value: 'liked' },
    ];
  const said: Array<{ key: string; value: string | { tried: string; verdict: string } }> = [
    { key: style, value: 'not-for-me' },
  ];
  if (reason === 'colour') said.push({ key: colour, value: 'disliked' });
  if (reason === 'too-small' || reason === 'too-big')
    said.push({
      key: `fit.${card.styleId.toLowerCase()}`,
      value: { tried: card.size, verdict: reason },
    });
  return said;
}

export interface MirrorActionDeps {
  visit: Visit;
  db: WritableDB;
  catalog: Catalog;
  queue: StaffQueue;
  /** The fitting room's name, on the staff request. */
  place: string;
  connectivity(): string;
  now(): Date;
  stamp(): string;
  changed(): SessionView;
}

export function createMirrorActions(deps: MirrorActionDeps) {
  const { visit, db } = deps;

  function react(
    sku: string,
    reaction: 'liked' | 'rejected',
    reason: TryOnReason | null,
  ): SessionView {
    visit.touch();
    const card = visit.state.cards.find((c) => c.sku === sku);
    const sessionId = visit.state.sessionId;
    if (!card || !sessionId) return deps.changed();
    const recorded = recordTryOn(db, {
      sessionId,
      sku,
      outcome: reaction,
      reason,
      now: deps.now(),
      hlc: deps.stamp(),
    });
    if (recorded.ok) {
      visit.react(sku, reaction, reason);
      rememberTaste(card, reaction, reason);
    }
    return deps.changed();
  }

  /** Only for a signed-in member with profile consent (setPreference refuses anyone else). */
  function rememberTaste(
    card: { styleId: string; color: { code: string }; size: string },
    reaction: 'liked' | 'rejected',
    reason: TryOnReason | null,
  ): void {
    const member = visit.state.member;
    if (!member?.consentProfile) return;
    for (const { key, value } of preferencesFromReaction(card, reaction, reason))
      setPreference(db, {
        memberId: member.memberId,
        key,
        value,
        hlc: deps.stamp(),
        now: deps.now(),
      });
  }

  function requestSize(sku: string): SessionView {
    visit.touch();
    const item = deps.catalog.lookup(sku);
    const sessionId = visit.state.sessionId;
    if (!item || !sessionId) return deps.changed();
    const at = deps.now();
    // The queue commits the request with its outbox row (staff-queue.ts).
    const request = deps.queue.request({
      kind: 'size',
      place: deps.place,
      sku: item.sku,
      size: item.size,
      name: { zh: item.nameZh, en: item.nameEn },
    });
    recordTryOn(db, { sessionId, sku, outcome: 'size-swap', now: at, hlc: deps.stamp() });
    visit.addRequest(request.requestId);
    // Staff at this screen see it now; those at other screens once the cloud is reachable again.
    const connectivity = deps.connectivity();
    if (connectivity !== 'online' && connectivity !== 'not-enrolled')
      visit.notify('request-sent-offline');
    return deps.changed();
  }

  return { react, requestSize };
}
