// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../bridge/areas/sync';
import { createI18n, type Language } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { FirstSyncProgress } from './FirstSyncProgress';

type FirstSync = NonNullable<SyncStatusView['firstSync']>;

function show(language: Language, progress: FirstSync) {
  const store = createAppStore();
  store.getState().setLanguage(language);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <ServicesProvider services={{ store, kiosk: null as never }}>
        <FirstSyncProgress progress={progress} />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

const running: FirstSync = {
  stream: 'catalog',
  done: 450_000,
  total: 1_000_000,
  ratePerSecond: 52_300,
  etaSeconds: 671,
};

describe('FirstSyncProgress', () => {
  it('shows the first sync with a bar, rows of rows, rate and time left in Chinese', () => {
    show('zh-CN', running);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('value')).toBe('450000');
    expect(bar.getAttribute('max')).toBe('1000000');
    expect(document.body.textContent).toBe(
      '首次同步商品目录：45%，已收 450,000 / 1,000,000 条 · 每秒 52,300 条 · 约剩 11 分 11 秒',
    );
  });

  it('and in English, without a rate or time left until they are known', () => {
    show('en', { ...running, ratePerSecond: null, etaSeconds: null, done: 20_000 });
    expect(document.body.textContent).toBe(
      'First sync of the catalog: 2%, 20,000 of 1,000,000 rows',
    );
  });

  it('counts rows when the total is not known yet', () => {
    show('en', { ...running, total: null, etaSeconds: null, ratePerSecond: 900, done: 1200 });
    expect(document.body.textContent).toBe('First sync of the catalog: 1,200 rows · 900 rows/s');
  });
});
