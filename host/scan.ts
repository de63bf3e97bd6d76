/**
 * What a scan means to the shopper: the host decodes the raw bytes, looks the product up and sends
 * the renderer a ready-to-show event. Raw text is shown only for codes that carry no secret:
 * cards and payment codes are masked, and digit runs that could be a card number are hidden from
 * anything that failed to decode.
 */
import type { ScanEvent } from '../bridge/schemas';
import type { Catalog, CatalogItem } from '../core/catalog/lookup';
import { decode, type DecodeResult } from '../device/decode';
import type { ProductView } from '../bridge/schemas';

export function toProductView(item: CatalogItem): ProductView {
  return {
    sku: item.sku,
    styleId: item.styleId,
    gtin: item.gtin,
    name: { zh: item.nameZh, en: item.nameEn },
    color: { code: item.colorCode, zh: item.colorZh, en: item.colorEn },
    size: item.size,
    priceCents: item.priceCents,
    listPriceCents: item.listPriceCents,
    stockHere: item.stockHere,
  };
}

const controlNames: Record<number, string> = {
  0x1d: '<GS>',
  0x1e: '<RS>',
  0x04: '<EOT>',
  0x09: '<TAB>',
};

/** A printable, bounded rendering of scanned bytes for screens and logs. */
export function printable(bytes: Uint8Array, max = 64): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? (controlNames[code] ?? '·') : ch;
    if (out.length >= max) return `${out.slice(0, max)}…`;
  }
  return out;
}

function hideLongDigitRuns(text: string): string {
  return text.replace(
    /\d{12,}/g,
    (run) => `${run.slice(0, 2)}${'*'.repeat(run.length - 4)}${run.slice(-2)}`,
  );
}

function safeText(bytes: Uint8Array, decoded: DecodeResult): string {
  if (!decoded.ok) return hideLongDigitRuns(printable(bytes));
  if (decoded.kind === 'card') return decoded.member ? '(member card)' : decoded.maskedNumber;
  if (decoded.kind === 'payment-code') return '(payment code)';
  return printable(bytes);
}

export function interpretScan(
  deviceId: string,
  bytes: Uint8Array,
  at: Date,
  catalog: Catalog,
): ScanEvent {
  const decoded = decode(bytes);
  const base = {
    deviceId,
    at: at.toISOString(),
    text: safeText(bytes, decoded),
    symbology: null,
    kind: null,
    code: null,
  };
  if (!decoded.ok) {
    // A store's own SKU labels are plain text: try them before calling the scan invalid.
    const bySku = decoded.error.code === 'unknown-format' ? catalog.lookup(printable(bytes)) : null;
    if (bySku)
      return {
        ...base,
        outcome: 'product',
        kind: 'sku',
        code: bySku.sku,
        product: toProductView(bySku),
        error: null,
      };
    return { ...base, outcome: 'invalid', product: null, error: decoded.error };
  }
  const value = decoded;
  const symbology = 'symbology' in value ? (value.symbology ?? null) : null;
  if ('gtin' in value && value.gtin) {
    const item = catalog.lookup(value.gtin);
    return {
      ...base,
      symbology,
      kind: value.kind,
      code: value.gtin,
      outcome: item ? 'product' : 'not-found',
      product: item ? toProductView(item) : null,
      error: null,
    };
  }
  return { ...base, symbology, kind: value.kind, outcome: 'other', product: null, error: null };
}
