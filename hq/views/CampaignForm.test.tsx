// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../i18n';
import { StoreProvider } from '../state/context';
import { createHqStore } from '../state/store';
import { CampaignForm } from './CampaignForm';

afterEach(cleanup);

const show = () =>
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <StoreProvider value={createHqStore('en')}>
        <CampaignForm today="2026-12-05" onCreated={() => undefined} />
      </StoreProvider>
    </I18nextProvider>,
  );

describe('CampaignForm money fields', () => {
  it('takes yuan and fen for an amount and a minimum spend (¥19.90 off over ¥299.50)', () => {
    show();
    fireEvent.change(screen.getByRole('combobox', { name: /offer/i }), {
      target: { value: 'amount' },
    });
    const value = screen.getByRole('spinbutton', { name: /value/i });
    const minSpend = screen.getByRole('spinbutton', { name: /minimum spend/i });
    expect(value.getAttribute('step')).toBe('0.01');
    expect(minSpend.getAttribute('step')).toBe('0.01');
  });

  it('takes whole numbers for a percent off or a points multiplier', () => {
    show();
    const kind = screen.getByRole('combobox', { name: /offer/i });
    for (const k of ['percent', 'points_multiplier']) {
      fireEvent.change(kind, { target: { value: k } });
      expect(screen.getByRole('spinbutton', { name: /value/i }).getAttribute('step')).toBe('1');
    }
  });
});
