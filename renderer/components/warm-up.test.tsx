// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../bridge/contract';
import { sessionViewSchema } from '../../bridge/views';
import { createI18n } from '../i18n';
import { createAppStore } from '../store/app-store';
import { emptyView } from '../store/view-fixture';
import { scheduleWarmUp, warmUpMirror } from './warm-up';
import { warmUpVisit } from './warm-up-view';

/** A bridge that records every method called on it (the warm-up must call none). */
function recordingKiosk() {
  const calls: string[] = [];
  const api = new Proxy(
    {},
    {
      get: (_, name) => {
        if (name === 'on') return () => () => undefined;
        return () => {
          calls.push(String(name));
          return Promise.resolve({ ok: false, error: { code: 'internal', message: 'unused' } });
        };
      },
    },
  ) as KioskApi;
  return { api, calls };
}

const info = {
  storeId: 'S001',
  storeName: null,
  role: 'mirror' as const,
  language: 'zh-CN' as const,
  version: '0',
};

function services() {
  const kiosk = recordingKiosk();
  return { kiosk, store: createAppStore(), i18n: createI18n('zh-CN') };
}

afterEach(() => performance.clearMarks());

describe('warmUpVisit', () => {
  it('is a valid host view of growing visits, with made-up SKUs only', () => {
    for (const count of [1, 2, 7]) {
      const view = sessionViewSchema.parse(warmUpVisit(count));
      expect(view.cards).toHaveLength(count);
      expect(view.focusSku).toBe(view.cards[0]?.sku);
      expect(view.cards.every((c) => c.sku.startsWith('WARMUP-'))).toBe(true);
    }
  });
});

describe('warmUpMirror', () => {
  it('renders the mirror screen off screen, calls nothing on the bridge and leaves nothing behind', async () => {
    const { kiosk, store, i18n } = services();
    const before = document.body.innerHTML;
    let seenInDocument = false;
    const outcome = await warmUpMirror({
      services: { store, kiosk: kiosk.api },
      i18n,
      steps: 3,
      stillIdle: () => {
        const card = document.querySelector('[aria-hidden="true"] article');
        seenInDocument ||= card !== null;
        return true;
      },
    });
    expect(outcome).toBe('done');
    expect(seenInDocument).toBe(true);
    expect(kiosk.calls).toEqual([]);
    expect(document.body.innerHTML).toBe(before);
    expect(performance.getEntriesByName('warm-up-done')).toHaveLength(1);
  });

  it('stops at the next step once a real visit began', async () => {
    const { kiosk, store, i18n } = services();
    let asked = 0;
    const outcome = await warmUpMirror({
      services: { store, kiosk: kiosk.api },
      i18n,
      steps: 10,
      stillIdle: () => ++asked < 3,
    });
    expect(outcome).toBe('interrupted');
    expect(asked).toBe(3);
    expect(document.querySelector('article')).toBeNull();
    expect(performance.getEntriesByName('warm-up-interrupted')).toHaveLength(1);
  });
});

describe('scheduleWarmUp', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('warms a mirror up once the view and the app info have arrived', async () => {
    const { kiosk, store, i18n } = services();
    scheduleWarmUp({ services: { store, kiosk: kiosk.api }, i18n });
    store.getState().setView(emptyView);
    await settle();
    expect(performance.getEntriesByName('warm-up-start')).toHaveLength(0);
    store.getState().setInfo(info);
    await vi.waitFor(() => expect(performance.getEntriesByName('warm-up-done')).toHaveLength(1), {
      timeout: 5_000,
    });
  });

  it('leaves a checkout alone, and a mirror where a visit is already on', async () => {
    for (const view of [
      { ...emptyView, role: 'checkout' as const },
      { ...emptyView, sessionId: 's1' },
    ]) {
      const { kiosk, store, i18n } = services();
      scheduleWarmUp({ services: { store, kiosk: kiosk.api }, i18n });
      store.getState().setInfo(info);
      store.getState().setView(view);
      await settle();
      expect(performance.getEntriesByName('warm-up-start')).toHaveLength(0);
    }
  });
});
