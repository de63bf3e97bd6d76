/** Handlers of the screen areas (session, mirror, member, cart, checkout, staff): thin calls into the screen service. */
import type { Handlers } from '../../bridge/contract';
import type { HostContext } from './context';

type ScreenMethods =
  | 'session.current'
  | 'session.touch'
  | 'session.end'
  | 'mirror.react'
  | 'mirror.requestSize'
  | 'mirror.focus'
  | 'mirror.order'
  | 'mirror.photoConsent'
  | 'mirror.photo'
  | 'mirror.sendPhoto'
  | 'mirror.discardPhoto'
  | 'member.cameraCode'
  | 'member.join'
  | 'cart.setQty'
  | 'checkout.coupon'
  | 'checkout.points'
  | 'checkout.payAtCounter'
  | 'checkout.nps'
  | 'staff.login'
  | 'staff.cancelPin'
  | 'staff.logout'
  | 'staff.updateRequest'
  | 'staff.decide'
  | 'staff.member'
  | 'staff.closeMember'
  | 'staff.guidedStart'
  | 'staff.guidedEnd'
  | 'staff.overridePrice'
  | 'staff.void'
  | 'staff.syncNow'
  | 'staff.syncTasks'
  | 'staff.resolveSyncTask';

export function screenHandlers(ctx: HostContext): Pick<Handlers, ScreenMethods> {
  const s = ctx.screens;
  return {
    'session.current': () => s.current(),
    'session.touch': () => s.touch(),
    'session.end': () => s.end(),
    'mirror.react': ({ sku, reaction, reason }) => s.react(sku, reaction, reason),
    'mirror.requestSize': ({ sku }) => s.requestSize(sku),
    'mirror.focus': ({ sku }) => s.focus(sku),
    'mirror.order': ({ sku, kind, delivery }) => s.order(sku, kind, delivery),
    'mirror.photoConsent': ({ granted }) => s.photos.consent(granted),
    'mirror.photo': ({ imageBase64 }) => s.photos.take(imageBase64),
    'mirror.sendPhoto': ({ photoId }) => s.photos.send(photoId),
    'mirror.discardPhoto': ({ photoId }) => s.photos.discard(photoId),
    'member.cameraCode': ({ text }) => s.cameraCode(text),
    'member.join': ({ phone, consentProfile, consentMarketing }) =>
      s.join({ phone, consentProfile, consentMarketing }),
    'cart.setQty': ({ sku, qty }) => s.checkout.setQty(sku, qty),
    'checkout.coupon': ({ code, applied }) => s.checkout.toggleCoupon(code, applied),
    'checkout.points': ({ points }) => s.checkout.redeemPoints(points),
    'checkout.payAtCounter': () => s.checkout.payAtCounter(),
    'checkout.nps': ({ score }) => s.checkout.nps(score),
    'staff.login': ({ pin, badge }) => s.staff.login(pin, badge),
    'staff.cancelPin': () => s.staff.cancelPin(),
    'staff.logout': () => s.staff.logout(),
    'staff.updateRequest': ({ requestId, status }) => s.staff.updateRequest(requestId, status),
    'staff.decide': ({ approvalId, approve }) => s.staff.decide(approvalId, approve),
    'staff.member': ({ kind, value }) =>
      s.staff.member(
        kind === 'qr' ? { kind: 'qr', token: value } : { kind: 'card', number: value },
      ),
    'staff.closeMember': () => s.staff.closeMember(),
    'staff.guidedStart': () => s.staff.guidedStart(),
    'staff.guidedEnd': () => s.staff.guidedEnd(),
    'staff.overridePrice': ({ sku, priceCents, reason }) =>
      s.staff.overridePrice(sku, priceCents, reason),
    'staff.void': () => s.staff.voidBasket(),
    'staff.syncNow': () => s.staff.syncNow(() => ctx.sync.syncNow()),
    'staff.syncTasks': () => s.staff.syncTasks(),
    'staff.resolveSyncTask': ({ taskId }) => s.staff.resolveSyncTask(taskId),
  };
}
