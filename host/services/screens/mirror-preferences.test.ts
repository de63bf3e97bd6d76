/** A consenting member's reactions at the mirror become preferences that sync; nobody else's do. */
import { describe, expect, it } from 'vitest';
import { preferencesOf } from '../../../core/sessions';
import { mutationSchema } from '../../../sync/protocol';
import { preferencesFromReaction } from './mirror-actions';
import { useDemoScreens, scanBytes } from './screen-test-support';

const demo = useDemoScreens();

const CONSENTING = 'MBR1.4N433GGMT6TCPAR4CTQP'; // M000003, consent_profile = 1
const NOT_CONSENTING = 'MBR1.SFR3Y3QMUG6LNJFAJ8C5'; // M000009, consent_profile = 0
const DRESS = '6970001000016';

function preferenceRows() {
  return demo.db.raw
    .prepare("SELECT args, version FROM outbox WHERE mutation = 'setPreference' ORDER BY seq")
    .all() as Array<{ args: string; version: number }>;
}

describe('preferences from the mirror', () => {
  it('reads likes, colour and fit from a reaction', () => {
    const card = { styleId: 'DRE001', color: { code: 'WHT' }, size: 'S' };
    expect(preferencesFromReaction(card, 'liked', null)).toEqual([
      { key: 'style.dre001', value: 'liked' },
      { key: 'colour.wht', value: 'liked' },
    ]);
    expect(preferencesFromReaction(card, 'rejected', 'too-small')).toEqual([
      { key: 'style.dre001', value: 'not-for-me' },
      { key: 'fit.dre001', value: { tried: 'S', verdict: 'too-small' } },
    ]);
    expect(preferencesFromReaction(card, 'rejected', 'colour')).toContainEqual({
      key: 'colour.wht',
      value: 'disliked',
    });
  });

  it('records them for a consenting member, queued as setPreference the cloud accepts', () => {
    const { s } = demo.service('mirror');
    const sku = s.handleScan(scanBytes(DRESS)).cards[0]?.sku ?? '';
    s.handleScan(scanBytes(CONSENTING));
    s.react(sku, 'rejected', 'too-big');
    const prefs = preferencesOf(demo.db, 'M000003');
    expect(prefs['style.dre001']).toBe('not-for-me');
    expect(prefs['fit.dre001']).toMatchObject({ verdict: 'too-big' });
    s.react(sku, 'liked', null); // the later reaction wins
    expect(preferencesOf(demo.db, 'M000003')['style.dre001']).toBe('liked');
    const rows = preferenceRows();
    expect(rows.length).toBe(4);
    for (const row of rows)
      expect(
        mutationSchema('setPreference', row.version)?.safeParse(JSON.parse(row.args)).success,
      ).toBe(true);
    s.close();
  });

  it('records nothing for a member without profile consent, or for an anonymous shopper', () => {
    const before = preferenceRows().length;
    const { s } = demo.service('mirror');
    const sku = s.handleScan(scanBytes(DRESS)).cards[0]?.sku ?? '';
    s.react(sku, 'liked', null);
    s.handleScan(scanBytes(NOT_CONSENTING));
    s.react(sku, 'rejected', 'colour');
    expect(preferenceRows().length).toBe(before);
    expect(preferencesOf(demo.db, 'M000009')).toEqual({});
    s.close();
  });
});
