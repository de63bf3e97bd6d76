/**
 * The shopper's reactions at the mirror: like / not for me (with an optional reason) are recorded
 * as try-ons through core/sessions; a size request goes to the staff queue and, in the same
 * transaction, to the outbox for the cloud.
 */
import type { SessionView } from '../../../bridge/views';
import { enqueue } from '../../../core/outbox/outbox';
import { recordTryOn, type TryOnReason } from '../../../core/sessions';
import type { ScreenCore } from './screen-service';

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
    }
    return core.changed();
  }

  function requestSize(sku: string): SessionView {
    core.visit.lastActivityMs = core.now().getTime();
    const item = core.options.catalog.lookup(sku);
    const sessionId = core.visit.sessionId;
    if (!item || !sessionId) return core.changed();
    const at = core.now();
    const request = db.transaction(() => {
      const made = core.queue.request({
        kind: 'size',
        place: core.screen.place,
        sku: item.sku,
        size: item.size,
        name: { zh: item.nameZh, en: item.nameEn },
      });
      enqueue(
        db,
        {
          name: 'staffRequest',
          version: 1,
          idempotencyKey: `staffRequest:${made.requestId}`,
          args: {
            requestId: made.requestId,
            storeId: core.options.config.storeId,
            kind: 'size',
            place: core.screen.place,
            sku: item.sku,
          },
          hlc: core.stamp(),
        },
        at,
      );
      return made;
    });
    recordTryOn(db, { sessionId, sku, outcome: 'size-swap', now: at, hlc: core.stamp() });
    core.visit.requestIds.add(request.requestId);
    return core.changed();
  }

  return { react, requestSize };
}
