import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { formatYuan } from './selectors';

describe('settings slice', () => {
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
