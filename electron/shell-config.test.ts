import { describe, expect, it } from 'vitest';
import { displayScheduleOf, parseShellConfig } from './shell-config';

describe('parseShellConfig', () => {
  it('defaults everything when the section is missing', () => {
    const result = parseShellConfig({ storeId: 'S001' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.timeZone).toBe('Asia/Shanghai');
    expect(result.value.updates).toBeNull();
    const schedule = displayScheduleOf(result.value);
    expect(schedule.hours.sun).toEqual([{ open: '10:00', close: '22:00' }]);
    expect(schedule.screenOnBeforeMinutes).toBe(30);
  });
  it('reads hours, display commands and the update feed', () => {
    const result = parseShellConfig({
      shell: {
        timeZone: 'Asia/Shanghai',
        openingHours: { fri: [{ open: '18:00', close: '02:00' }] },
        display: { screenOnBeforeMinutes: 10, offCommand: ['xset', 'dpms', 'force', 'off'] },
        updates: { feedUrl: 'https://updates.brand.example/kiosk' },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        display: { screenOnBeforeMinutes: 10, screenOffAfterMinutes: 30 },
        updates: { feedUrl: 'https://updates.brand.example/kiosk', idleMinutes: 15 },
      },
    });
    if (result.ok)
      expect(displayScheduleOf(result.value).hours).toEqual({
        fri: [{ open: '18:00', close: '02:00' }],
      });
  });
  it('reports every bad field with its path', () => {
    const result = parseShellConfig({
      shell: {
        timeZone: 'Mars/Base',
        openingHours: { mon: [{ open: '25:00', close: '10:00' }], funday: [] },
        updates: { feedUrl: 'http://x.example' },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('shell.timeZone');
    expect(result.error.message).toContain('shell.openingHours.mon[0].open');
    expect(result.error.message).toContain('shell.updates.feedUrl');
    expect(result.error.message).toMatch(/funday/);
  });
  it('refuses a non-object section without throwing', () => {
    expect(parseShellConfig({ shell: 'yes' }).ok).toBe(false);
  });
});
