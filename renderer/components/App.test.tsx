// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, KioskApi } from '../../bridge/contract';
import { ok } from '../../bridge/result';
import { createI18n } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { App } from './App';

/** An in-memory KioskApi: answers app.info and lets the test push host events. */
function fakeKiosk() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    'app.info': async () =>
      ok({
        storeId: 'S001',
        storeName: { zh: '上海静安旗舰店', en: "Shanghai Jing'an Flagship" },
        role: 'mirror' as const,
        language: 'zh-CN' as const,
        version: '0',
      }),
    'catalog.lookup': async () => ok(null),
    'device.list': async () => ok([]),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  } as unknown as KioskApi;
  const push = <E extends EventName>(event: E, payload: EventPayload<E>) =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { api, push };
}

afterEach(cleanup);

describe('App', () => {
  it('shows the attract screen, then the product of a scan, then a not-found message', async () => {
    const kiosk = fakeKiosk();
    const store = createAppStore();
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ServicesProvider services={{ store, kiosk: kiosk.api }}>
          <App />
        </ServicesProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByText('上海静安旗舰店')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '欢迎光临' })).toBeTruthy();
    act(() =>
      kiosk.push('device.scan', {
        deviceId: 's',
        at: '',
        text: '6970001000016',
        symbology: 'EAN-13',
        outcome: 'product',
        kind: 'gtin',
        code: '06970001000016',
        error: null,
        product: {
          sku: 'A',
          styleId: 'DRE001',
          gtin: '06970001000016',
          name: { zh: '防泼水连衣裙', en: 'Dress' },
          color: { code: 'W', zh: '白色', en: 'White' },
          size: 'XS',
          priceCents: 69900,
          listPriceCents: 78900,
          stockHere: 0,
        },
      }),
    );
    expect(screen.getByRole('heading', { name: '防泼水连衣裙' })).toBeTruthy();
    expect(screen.getByText('本店暂无库存')).toBeTruthy();
    expect(screen.getByText('¥789.00').tagName).toBe('S');
    act(() =>
      kiosk.push('device.scan', {
        deviceId: 's',
        at: '',
        text: 'x',
        symbology: null,
        outcome: 'not-found',
        kind: 'gtin',
        code: '04006381333931',
        product: null,
        error: null,
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('未找到该商品，请联系店员');
    act(() => screen.getByRole('button', { name: '语言' }).click());
    expect(screen.getByRole('alert').textContent).toContain(
      'Item not found, please ask a staff member',
    );
  });
});
