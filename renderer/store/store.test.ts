import { describe, expect, it } from 'vitest';
import type { ScanEvent } from '../../bridge/schemas';
import { createAppStore } from './app-store';
import { screenForScan } from './scan-slice';
import { formatYuan, isDiscounted, productName } from './selectors';

const product = {
  sku: 'DRE001-WHT-XS',
  styleId: 'DRE001',
  gtin: '06970001000016',
  name: { zh: '防泼水连衣裙', en: 'Water-repellent dress' },
  color: { code: 'WHT', zh: '白色', en: 'White' },
  size: 'XS',
  priceCents: 78900,
  listPriceCents: 78900,
  stockHere: 3,
};
const scan = (overrides: Partial<ScanEvent>): ScanEvent => ({
  deviceId: 'scanner-1',
  at: '2026-11-24T10:00:00Z',
  text: '6970001000016',
  symbology: 'EAN-13',
  outcome: 'product',
  kind: 'gtin',
  code: '06970001000016',
  product,
  error: null,
  ...overrides,
});

describe('scan slice', () => {
  it('maps each scan outcome to a screen', () => {
    expect(screenForScan(scan({}))).toEqual({ kind: 'product', product });
    expect(
      screenForScan(scan({ outcome: 'not-found', product: null, code: '04006381333931' })),
    ).toEqual({ kind: 'not-found', code: '04006381333931' });
    expect(screenForScan(scan({ outcome: 'invalid', product: null, text: '·' }))).toEqual({
      kind: 'invalid',
      text: '·',
    });
    expect(screenForScan(scan({ outcome: 'other', product: null, kind: 'member' }))).toEqual({
      kind: 'other',
      label: 'member',
    });
  });

  it('counts scans so the same product scanned twice re-renders, and returns to attract', () => {
    const store = createAppStore();
    store.getState().applyScan(scan({}));
    store.getState().applyScan(scan({}));
    expect(store.getState().scanCount).toBe(2);
    store.getState().backToAttract();
    expect(store.getState().screen).toEqual({ kind: 'attract' });
  });

  it('takes the language from the host’s app info, and each test store is fresh', () => {
    const store = createAppStore();
    expect(store.getState().language).toBe('zh-CN');
    store.getState().setInfo({
      storeId: 'S001',
      storeName: null,
      role: 'checkout',
      language: 'en',
      version: '0',
    });
    expect(store.getState().language).toBe('en');
    expect(createAppStore().getState().language).toBe('zh-CN');
  });
});

describe('selectors', () => {
  it('formats integer fen as yuan with grouping', () => {
    expect(formatYuan(78900)).toBe('¥789.00');
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-1050)).toBe('-¥10.50');
  });

  it('picks the name in the current language and sees discounts', () => {
    expect(productName(product, 'zh-CN')).toBe('防泼水连衣裙');
    expect(productName(product, 'en')).toBe('Water-repellent dress');
    expect(isDiscounted(product)).toBe(false);
    expect(isDiscounted({ ...product, priceCents: 69900 })).toBe(true);
  });
});

describe('cloud connectivity', () => {
  it('keeps only online and offline from sync.status; anything else is unknown', () => {
    const store = createAppStore();
    expect(store.getState().cloud).toBe('unknown');
    store.getState().setCloud('offline');
    expect(store.getState().cloud).toBe('offline');
    store.getState().setCloud('online');
    expect(store.getState().cloud).toBe('online');
    store.getState().setCloud('not-enrolled');
    expect(store.getState().cloud).toBe('unknown');
  });
});
