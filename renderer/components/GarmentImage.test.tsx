// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../bridge/contract';
import type { ImageRef } from '../../bridge/views';
import { createI18n } from '../i18n';
import { createAppStore } from '../store/app-store';
import { ServicesProvider } from '../store/context';
import { GarmentImage } from './GarmentImage';

const HASH = 'c'.repeat(64);
const alt = { zh: '防泼水连衣裙（白色）', en: 'Water-repellent dress (White)' };

function show(image: ImageRef | null, language: 'zh-CN' | 'en' = 'zh-CN') {
  const store = createAppStore();
  store.getState().setLanguage(language);
  const kiosk = { on: () => () => undefined } as unknown as KioskApi;
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ServicesProvider services={{ store, kiosk }}>
        <GarmentImage image={image} size="screen" />
      </ServicesProvider>
    </I18nextProvider>,
  );
}

afterEach(cleanup);

describe('GarmentImage', () => {
  it('loads the picture from the kiosk’s own origin, with the alt text in the screen’s language', () => {
    show({ hash: HASH, alt }, 'en');
    const img = screen.getByRole('img', { name: alt.en });
    expect(img.tagName).toBe('IMG');
    expect(img.getAttribute('src')).toBe(`/media/${HASH}/screen`);
  });

  it('shows a calm placeholder while the kiosk does not have it, or when the catalog has none', () => {
    show({ hash: null, alt });
    const placeholder = screen.getByRole('img', { name: alt.zh });
    expect(placeholder.tagName).toBe('SPAN');
    expect(placeholder.hasAttribute('data-placeholder')).toBe(true);
    cleanup();
    show(null);
    expect(screen.getByRole('img', { name: '暂无图片' }).tagName).toBe('SPAN');
  });

  it('turns a picture that fails to load into the placeholder, never a broken-image icon', () => {
    show({ hash: HASH, alt });
    fireEvent.error(screen.getByRole('img', { name: alt.zh }));
    expect(screen.getByRole('img', { name: alt.zh }).tagName).toBe('SPAN');
  });
});
