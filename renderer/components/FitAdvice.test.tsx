// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { FitAdviceView } from '../../bridge/views';
import { createI18n, type Language } from '../i18n';
import { FitAdvice } from './FitAdvice';

afterEach(cleanup);

const advice: FitAdviceView = {
  verdict: 'runs-small',
  reasons: 41,
  tooSmall: 37,
  tooBig: 4,
  kept: { usual: 'M', kept: 'L', count: 9, of: 11 },
  usualFrom: 'member',
};
const show = (fit: FitAdviceView | null | undefined, language: Language = 'en') =>
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <FitAdvice fit={fit} />
    </I18nextProvider>,
  );

describe('FitAdvice', () => {
  it('says the style runs small and what members of the shopper’s size kept, with the counts', () => {
    show(advice);
    expect(screen.getByRole('heading', { name: 'Size advice' })).toBeTruthy();
    const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Runs small: 37 of 41 shoppers who gave a fit reason found it too small',
      'Members who usually wear your size M kept L in this style (9 of 11)',
    ]);
  });

  it('speaks Chinese, and words a style that runs large', () => {
    show({ ...advice, verdict: 'runs-large', kept: null }, 'zh-CN');
    expect(screen.getByRole('heading', { name: '尺码建议' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '这款偏大：41 位说明了尺码原因的顾客中，4 位觉得太大',
    ]);
  });

  it('shows nothing without advice', () => {
    const { container } = show(null);
    expect(container.textContent).toBe('');
    show({ ...advice, verdict: null, kept: null });
    expect(screen.queryByRole('heading')).toBeNull();
  });
});
