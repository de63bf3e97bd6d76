// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, KioskApi } from '../../bridge/contract';
import { ok } from '../../bridge/result';
import type { TryOnCard } from '../../bridge/views';
import { dressXs, emptyView } from '../store/view-fixture';
import { createI18n } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { App } from './App';

const card: TryOnCard = {
  ...dressXs,
  styleId: 'DRE001',
  priceCents: 69900,
  listPriceCents: 78900,
  memberPriceCents: 67803,
  swatches: [{ code: 'WHT', zh: '白色', en: 'White' }],
  sizes: [
    { size: 'XS', sku: 'DRE001-WHT-XS', here: 0, otherStores: 7, online: 4 },
    { size: 'S', sku: 'DRE001-WHT-S', here: 2, otherStores: 1, online: 0 },
  ],
  reaction: null,
  reason: null,
  source: 'scan',
  lookUrl: 'https://shop.example.com/p/DRE001?c=WHT',
};

/** An in-memory KioskApi: answers what App asks and lets the test push host events. */
function fakeKiosk() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<[string, unknown]> = [];
  const record = (name: string) => async (input: unknown) => {
    calls.push([name, input]);
    return ok(emptyView);
  };
  const api = {
    'app.info': async () =>
      ok({
        storeId: 'S001',
        storeName: { zh: '上海静安旗舰店', en: "Shanghai Jing'an Flagship" },
        role: 'mirror' as const,
        language: 'zh-CN' as const,
        version: '0',
      }),
    'session.current': async () => ok(emptyView),
    'sync.status': async () => ok({ connectivity: 'unknown' }),
    'session.touch': record('session.touch'),
    'mirror.react': record('mirror.react'),
    'mirror.requestSize': record('mirror.requestSize'),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  } as unknown as KioskApi;
  const push = <E extends EventName>(event: E, payload: EventPayload<E>) =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { api, push, calls };
}

afterEach(cleanup);

function renderApp() {
  const kiosk = fakeKiosk();
  const store = createAppStore();
  render(
    <I18nextProvider i18n={createI18n('zh-CN')}>
      <ServicesProvider services={{ store, kiosk: kiosk.api }}>
        <App />
      </ServicesProvider>
    </I18nextProvider>,
  );
  return { ...kiosk, store };
}

describe('App', () => {
  it('shows the attract screen, then the host’s visit: a garment card with sizes and member price', async () => {
    const kiosk = renderApp();
    expect(await screen.findByText('上海静安旗舰店')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '欢迎光临' })).toBeTruthy();
    act(() =>
      kiosk.push('session.changed', {
        ...emptyView,
        sessionId: 's1',
        cards: [card],
        focusSku: card.sku,
      }),
    );
    const article = screen.getByRole('article');
    expect(screen.getByRole('heading', { name: '防泼水连衣裙' })).toBeTruthy();
    expect(article.textContent).toContain('本店暂无库存');
    expect(article.textContent).toContain('¥678.03');
    expect(screen.getByText('¥789.00').tagName).toBe('S');
    act(() => screen.getByRole('button', { name: '请店员送 S 码' }).click());
    expect(kiosk.calls).toContainEqual(['mirror.requestSize', { sku: 'DRE001-WHT-S' }]);
    act(() => screen.getByRole('button', { name: '不适合我' }).click());
    act(() => screen.getByRole('button', { name: '偏小' }).click());
    expect(kiosk.calls).toContainEqual([
      'mirror.react',
      { sku: 'DRE001-WHT-XS', reaction: 'rejected', reason: 'too-small' },
    ]);
  });

  it('words host notices in the chosen language, and wipes the screen when the visit ends', async () => {
    const kiosk = renderApp();
    await screen.findByText('上海静安旗舰店');
    act(() =>
      kiosk.push('session.changed', {
        ...emptyView,
        sessionId: 's1',
        cards: [card],
        notice: { key: 'not-found', at: '' },
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain('未找到该商品，请联系店员');
    act(() => screen.getByRole('button', { name: /^语言/ }).click());
    expect(screen.getByRole('alert').textContent).toContain(
      'Item not found, please ask a staff member',
    );
    act(() => kiosk.push('session.changed', emptyView));
    expect(screen.queryByRole('article')).toBeNull();
    expect(screen.queryByText('Water-repellent dress')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Welcome' })).toBeTruthy();
  });

  it('sends at most one touch a second while a visit is open', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const kiosk = renderApp();
    await screen.findByText('上海静安旗舰店');
    act(() => kiosk.push('session.changed', { ...emptyView, sessionId: 's1', cards: [card] }));
    const stage = screen.getByRole('main');
    act(() => {
      stage.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
      stage.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(kiosk.calls.filter(([name]) => name === 'session.touch')).toHaveLength(1);
    vi.useRealTimers();
  });

  it('shows a calm offline note from sync.status while the bridge itself is connected', async () => {
    const kiosk = renderApp();
    await screen.findByText('上海静安旗舰店');
    act(() => kiosk.store.getState().setConnected(true));
    const offline = {
      connectivity: 'offline' as const,
      queueDepth: 3,
      parked: 0,
      oldestPendingAgeMs: 1000,
      lastSuccessAt: null,
      lastError: null,
      nextAttemptAt: null,
      openStaffTasks: 0,
    };
    act(() => kiosk.push('sync.status', offline));
    expect(screen.getByRole('status').textContent).toContain('离线模式');
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => kiosk.push('sync.status', { ...offline, connectivity: 'online' }));
    expect(screen.queryByText(/离线模式/)).toBeNull();
  });
});
