/**
 * Where one scan goes, by what the decoder (device/decode) makes of it — decoded here once, routed
 * once: a staff badge waits for its PIN; a member token or member card signs the shopper in (on
 * the staff screen: opens the member panel); a payment code pays at the checkout; a garment (GTIN,
 * GS1, Digital Link, an RFID EPC, or a typed store SKU) goes to the role's garment handling;
 * anything else is a calm `invalid` notice. The switch is over the decoder's closed list of kinds,
 * so a new kind does not compile until it is routed. Never throws.
 */
import type { Catalog, CatalogItem } from '../../../core/catalog/lookup';
import type { IdentifyInput } from '../../../core/members';
import { decode, type DecodeSuccess } from '../../../device/decode';
import type { Notify } from './visit';

/** What a scan can lead to; the screen service binds each to its role's handling. */
export interface ScanTargets {
  catalog: Catalog;
  role: 'mirror' | 'checkout' | 'staff';
  /** Whether a staff member is signed in at this screen. */
  staffSignedIn(): boolean;
  garment(item: CatalogItem): void;
  staffBadge(badge: string): void;
  signInMember(input: IdentifyInput): void;
  memberForStaff(input: IdentifyInput): void;
  pay(provider: 'wechat' | 'alipay', code: string): void;
  /** A garment code this store does not know. */
  unknownItem(): void;
  notify: Notify;
}

/** The scan's kind for the log: never the scanned value. */
export type ScanKind = DecodeSuccess['kind'] | 'invalid';

export function routeScan(
  bytes: Uint8Array,
  memberBin: string | undefined,
  to: ScanTargets,
): ScanKind {
  const decoded = decode(bytes, { memberBin });
  if (!decoded.ok) {
    // A store's own SKU labels are plain text: try them before calling the scan invalid.
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).trim();
    const bySku = decoded.error.code === 'unknown-format' ? to.catalog.lookup(text) : null;
    if (bySku) to.garment(bySku);
    else to.notify('invalid');
    return 'invalid';
  }
  switch (decoded.kind) {
    case 'staff-badge':
      to.staffBadge(decoded.badge);
      break;
    case 'member':
      member(to, { kind: 'qr', token: decoded.token });
      break;
    case 'card':
      if (decoded.member) member(to, { kind: 'card', number: decoded.number });
      else to.notify('invalid'); // a bank card: never a member, never paid with here
      break;
    case 'payment-code':
      if (to.role === 'checkout') to.pay(decoded.provider, decoded.code);
      break;
    case 'gtin':
    case 'epc':
    case 'gs1':
    case 'digital-link':
      garmentOrUnknown(to, decoded.gtin);
      break;
    case 'add-on': // a supplement read on its own names no garment
      garmentOrUnknown(to, undefined);
      break;
    default:
      return unrouted(decoded);
  }
  return decoded.kind;
}

function member(to: ScanTargets, input: IdentifyInput): void {
  if (to.role !== 'staff') to.signInMember(input);
  else if (input.kind === 'qr' || to.staffSignedIn()) to.memberForStaff(input);
  else to.notify('invalid');
}

function garmentOrUnknown(to: ScanTargets, gtin: string | undefined): void {
  const item = gtin ? to.catalog.lookup(gtin) : null;
  if (item) to.garment(item);
  else to.unknownItem();
}

/** Compile-time proof that every kind of the decoder is routed above. */
function unrouted(decoded: never): never {
  throw new Error(`a decoded scan of an unknown kind: ${JSON.stringify(decoded)}`);
}

/** The GTIN an RFID tag's EPC carries (SGTIN), or null for a tag that names no garment. */
export function tagGtin(epc: string): string | null {
  const decoded = decode(epc);
  return decoded.ok && decoded.kind === 'epc' ? decoded.gtin : null;
}
