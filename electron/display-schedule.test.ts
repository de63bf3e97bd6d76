import { describe, expect, it } from 'vitest';
import {
  isScreenOn,
  isStoreOpen,
  parseClock,
  isValidTimeZone,
  zonedClock,
  type DisplaySchedule,
} from './display-schedule';

const daily = { open: '10:00', close: '22:00' };
const shanghai: DisplaySchedule = {
  timeZone: 'Asia/Shanghai',
  hours: {
    mon: [daily],
    tue: [daily],
    wed: [daily],
    thu: [daily],
    fri: [daily],
    sat: [{ open: '09:30', close: '23:00' }],
  },
  screenOnBeforeMinutes: 30,
  screenOffAfterMinutes: 15,
};
// 2026-03-02 is a Monday. Shanghai is UTC+8 all year (no DST).
const utc = (iso: string) => new Date(`${iso}Z`);

describe('zonedClock', () => {
  it('reads the store-local weekday and minute', () => {
    expect(zonedClock(utc('2026-03-02T01:59:00'), 'Asia/Shanghai')).toEqual({
      weekday: 'mon',
      minuteOfDay: 9 * 60 + 59,
    });
    expect(zonedClock(utc('2026-03-01T16:00:00'), 'Asia/Shanghai')).toEqual({
      weekday: 'mon',
      minuteOfDay: 0,
    });
    expect(zonedClock(utc('2026-03-01T15:59:00'), 'Asia/Shanghai')).toEqual({
      weekday: 'sun',
      minuteOfDay: 23 * 60 + 59,
    });
  });
});

describe('isStoreOpen (Asia/Shanghai)', () => {
  it.each([
    ['2026-03-02T01:59:00', false], // Mon 09:59
    ['2026-03-02T02:00:00', true], // Mon 10:00
    ['2026-03-02T13:59:00', true], // Mon 21:59
    ['2026-03-02T14:00:00', false], // Mon 22:00 (close is exclusive)
    ['2026-03-07T01:30:00', true], // Sat 09:30
    ['2026-03-07T14:30:00', true], // Sat 22:30
    ['2026-03-08T04:00:00', false], // Sun 12:00: closed all day
  ])('at %sZ → %s', (iso, open) => {
    expect(isStoreOpen(shanghai, utc(iso))).toBe(open);
  });
  it('is the same every week of the year (no DST jump)', () => {
    for (const month of ['01', '04', '07', '10']) {
      const monday = { '01': '05', '04': '06', '07': '06', '10': '05' }[month];
      expect(isStoreOpen(shanghai, utc(`2026-${month}-${monday}T02:00:00`))).toBe(true);
      expect(isStoreOpen(shanghai, utc(`2026-${month}-${monday}T01:59:00`))).toBe(false);
    }
  });
});

describe('isScreenOn', () => {
  it('lights the screen before opening and keeps it on a little after closing', () => {
    expect(isScreenOn(shanghai, utc('2026-03-02T01:29:00'))).toBe(false); // Mon 09:29
    expect(isScreenOn(shanghai, utc('2026-03-02T01:30:00'))).toBe(true); // Mon 09:30
    expect(isScreenOn(shanghai, utc('2026-03-02T14:14:00'))).toBe(true); // Mon 22:14
    expect(isScreenOn(shanghai, utc('2026-03-02T14:15:00'))).toBe(false); // Mon 22:15
  });
});

describe('overnight hours', () => {
  const bar: DisplaySchedule = {
    timeZone: 'Asia/Shanghai',
    hours: { fri: [{ open: '18:00', close: '02:00' }], sun: [{ open: '20:00', close: '01:00' }] },
    screenOnBeforeMinutes: 0,
    screenOffAfterMinutes: 30,
  };
  it('keeps Friday open past midnight into Saturday', () => {
    expect(isStoreOpen(bar, utc('2026-03-06T10:00:00'))).toBe(true); // Fri 18:00
    expect(isStoreOpen(bar, utc('2026-03-06T17:30:00'))).toBe(true); // Sat 01:30
    expect(isStoreOpen(bar, utc('2026-03-06T18:00:00'))).toBe(false); // Sat 02:00
    expect(isScreenOn(bar, utc('2026-03-06T18:15:00'))).toBe(true); // Sat 02:15
    expect(isScreenOn(bar, utc('2026-03-06T18:30:00'))).toBe(false); // Sat 02:30
  });
  it('wraps Sunday night into Monday morning', () => {
    expect(isStoreOpen(bar, utc('2026-03-01T16:30:00'))).toBe(true); // Mon 00:30
    expect(isStoreOpen(bar, utc('2026-03-01T17:00:00'))).toBe(false); // Mon 01:00
  });
  it('treats 00:00–24:00 as the whole day and equal open/close as 24 hours', () => {
    const allDay: DisplaySchedule = {
      ...bar,
      hours: { tue: [{ open: '00:00', close: '24:00' }], wed: [{ open: '08:00', close: '08:00' }] },
    };
    expect(isStoreOpen(allDay, utc('2026-03-02T16:00:00'))).toBe(true); // Tue 00:00
    expect(isStoreOpen(allDay, utc('2026-03-03T15:59:00'))).toBe(true); // Tue 23:59
    expect(isStoreOpen(allDay, utc('2026-03-04T07:59:00'))).toBe(true); // Thu 07:59 (Wed 08:00 + 24 h)
    expect(isStoreOpen(allDay, utc('2026-03-04T00:00:00'))).toBe(true); // Wed 08:00
    expect(isStoreOpen(allDay, utc('2026-03-03T23:59:00'))).toBe(false); // Wed 07:59
  });
});

describe('a zone with DST', () => {
  it('follows the local wall clock across the change (Europe/Paris, 29 March 2026)', () => {
    const paris: DisplaySchedule = {
      ...shanghai,
      timeZone: 'Europe/Paris',
      hours: { fri: [daily], mon: [daily] },
    };
    expect(isStoreOpen(paris, utc('2026-03-27T09:00:00'))).toBe(true); // Fri 10:00 CET (UTC+1)
    expect(isStoreOpen(paris, utc('2026-03-30T08:00:00'))).toBe(true); // Mon 10:00 CEST (UTC+2)
    expect(isStoreOpen(paris, utc('2026-03-30T07:59:00'))).toBe(false);
  });
});

describe('validation helpers', () => {
  it('parses clocks and refuses nonsense', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('9:00')).toBeNull();
    expect(parseClock('12:60')).toBeNull();
  });
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
