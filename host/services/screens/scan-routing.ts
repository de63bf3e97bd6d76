/**
 * Where one scan goes, by what it decodes to: a staff badge waits for its PIN; a member token or
 * member card signs the shopper in (on the staff screen: opens the member panel); a payment code
 * pays at the checkout; a garment (GTIN, GS1, Digital Link, or a typed SKU) goes to the role's
 * garment handling; anything else is a calm `invalid` notice. Never throws.
 */
import type { SessionView } from '../../../bridge/views';
import type { Catalog, CatalogItem } from '../../../core/catalog/lookup';
import type { IdentifyInput } from '../../../core/members';
import { decode } from '../../../device/decode';
import type { ScreenCore } from './screen-core';

export interface ScanTargets {
  core: ScreenCore;
  catalog: Catalog;
  garment(item: CatalogItem): SessionView;
  signInMember(input: IdentifyInput): void;
  memberForStaff(input: IdentifyInput): void;
  pay(provider: 'wechat' | 'alipay', code: string): void;
  /** A garment code this store does not know. */
  unknownItem(): void;
}

export function routeScan(bytes: Uint8Array, to: ScanTargets): SessionView {
  const { core, catalog } = to;
  const { config } = core.options;
  const decoded = decode(bytes, { memberBin: config.memberBin });
  if (!decoded.ok) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).trim();
    const bySku = decoded.error.code === 'unknown-format' ? catalog.lookup(text) : null;
    if (bySku) return to.garment(bySku);
    core.notify('invalid');
    return core.changed();
  }
  switch (decoded.kind) {
    case 'staff-badge':
      core.visit.pendingBadge = decoded.badge;
      return core.changed();
    case 'member':
      if (config.role !== 'staff') to.signInMember({ kind: 'qr', token: decoded.token });
      else to.memberForStaff({ kind: 'qr', token: decoded.token });
      return core.changed();
    case 'card':
      if (decoded.member && config.role !== 'staff')
        to.signInMember({ kind: 'card', number: decoded.number });
      else if (decoded.member && core.visit.staff)
        to.memberForStaff({ kind: 'card', number: decoded.number });
      else core.notify('invalid');
      return core.changed();
    case 'payment-code':
      if (config.role === 'checkout') to.pay(decoded.provider, decoded.code);
      return core.changed();
    default: {
      const gtin = 'gtin' in decoded ? decoded.gtin : undefined;
      const item = gtin ? catalog.lookup(gtin) : null;
      if (item) return to.garment(item);
      to.unknownItem();
      return core.changed();
    }
  }
}
