/**
 * The shopper's reactions at the mirror: like / not for me (with an optional reason) are recorded
 * as try-ons through core/sessions, and — for a signed-in member who consented to profiling — as
 * preferences (last writer wins by HLC across kiosks); a size request goes to the staff queue,
 * which commits it with its outbox row so every kiosk of the store sees it (offline: once the
 * network is back).
 */
import type { SessionView } from '../../../bridge/views';
import { recordTryOn, setPreference, type TryOnReason } from '../../../core/sessions';
import type { ScreenCore } from './screen-service';

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

export function createMirrorActions(core: ScreenCore) {
  const { db } = core.options;
  function react(
    sku: string,
    reaction: 'liked' | 'rejected',
    reason: TryOnReason | null,
  ): SessionView {
    core.visit.lastActivityMs = core.now().getTime();
    const card = core.visit.cards.find((c) => c.sku === sku);
    const sessionId = core.visit.sessionId;
    if (!card || !sessionId) return core.changed();
    const outcome = reaction === 'liked' ? 'liked' : 'rejected';
    const recorded = recordTryOn(db, {
      sessionId,
      sku,
      outcome,
      reason,
      now: core.now(),
      hlc: core.stamp(),
    });
    if (recorded.ok) {
      card.reaction = reaction;
      card.reason = reaction === 'rejected' ? reason : null;
      rememberTaste(card, reaction, reason);
    }
    return core.changed();
  }

  /** Only for a signed-in member with profile consent (setPreference refuses anyone else). */
  function rememberTaste(
    card: { styleId: string; color: { code: string }; size: string },
    reaction: 'liked' | 'rejected',
    reason: TryOnReason | null,
  ): void {
    const member = core.visit.member;
    if (!member?.consentProfile) return;
    for (const { key, value } of preferencesFromReaction(card, reaction, reason))
      setPreference(db, {
        memberId: member.memberId,
        key,
        value,
        hlc: core.stamp(),
        now: core.now(),
      });
  }

  function requestSize(sku: string): SessionView {
    core.visit.lastActivityMs = core.now().getTime();
    const item = core.options.catalog.lookup(sku);
    const sessionId = core.visit.sessionId;
    if (!item || !sessionId) return core.changed();
    const at = core.now();
    // The queue commits the request with its outbox row (staff-queue.ts).
    const request = core.queue.request({
      kind: 'size',
      place: core.screen.place,
      sku: item.sku,
      size: item.size,
      name: { zh: item.nameZh, en: item.nameEn },
    });
    recordTryOn(db, { sessionId, sku, outcome: 'size-swap', now: at, hlc: core.stamp() });
    core.visit.requestIds.add(request.requestId);
    // Staff at this screen see it now; those at other screens once the cloud is reachable again.
    const connectivity = core.options.connectivity?.() ?? 'not-enrolled';
    if (connectivity !== 'online' && connectivity !== 'not-enrolled')
      core.notify('request-sent-offline');
    return core.changed();
  }

  return { react, requestSize };
}
