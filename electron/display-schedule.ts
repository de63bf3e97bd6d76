/**
 * Opening hours and the screen schedule. Pure: the time is passed in, the store's time zone is
 * part of the schedule, and wall-clock hours are compared in that zone (so a DST change moves the
 * hours with the local clock). A window whose close is at or before its open runs past midnight
 * into the next day (e.g. 18:00–02:00); `00:00`–`24:00` is a whole day.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface OpeningWindow {
  /** `HH:MM`, 00:00–23:59. */
  open: string;
  /** `HH:MM`, 00:00–24:00; at or before `open` means the next day. */
  close: string;
}

export interface DisplaySchedule {
  /** IANA zone of the store, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Opening windows per weekday; a missing or empty day is closed. */
  hours: Partial<Record<Weekday, readonly OpeningWindow[]>>;
  /** The screen comes on this many minutes before opening (staff set up the floor). */
  screenOnBeforeMinutes: number;
  /** ... and goes off this many minutes after closing. */
  screenOffAfterMinutes: number;
}

const minutesPerDay = 24 * 60;
const minutesPerWeek = 7 * minutesPerDay;

export function parseClock(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The store-local weekday and minute of the day at `at`. */
export function zonedClock(at: Date, timeZone: string): { weekday: Weekday; minuteOfDay: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { weekday, minuteOfDay: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Opening intervals as [start, end) minutes from Monday 00:00, widened by `before`/`after`. */
function weekIntervals(
  schedule: DisplaySchedule,
  before: number,
  after: number,
): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  weekdays.forEach((day, index) => {
    for (const window of schedule.hours[day] ?? []) {
      const open = parseClock(window.open);
      const close = parseClock(window.close);
      if (open === null || close === null || open >= minutesPerDay) continue;
      const end = close > open ? close : close + minutesPerDay;
      intervals.push([index * minutesPerDay + open - before, index * minutesPerDay + end + after]);
    }
  });
  return intervals;
}

function inIntervals(intervals: Array<[number, number]>, minuteOfWeek: number): boolean {
  // Sunday-night hours run into Monday, and a screen-on lead before Monday's opening starts on
  // Sunday: test the minute in the previous and next week too.
  return intervals.some(([start, end]) =>
    [minuteOfWeek - minutesPerWeek, minuteOfWeek, minuteOfWeek + minutesPerWeek].some(
      (m) => m >= start && m < end,
    ),
  );
}

function minuteOfWeek(schedule: DisplaySchedule, at: Date): number {
  const clock = zonedClock(at, schedule.timeZone);
  return weekdays.indexOf(clock.weekday) * minutesPerDay + clock.minuteOfDay;
}

/** Is the store trading at `at`? */
export function isStoreOpen(schedule: DisplaySchedule, at: Date): boolean {
  return inIntervals(weekIntervals(schedule, 0, 0), minuteOfWeek(schedule, at));
}

/** Should the screen be lit at `at`? (Opening hours widened by the before/after margins.) */
export function isScreenOn(schedule: DisplaySchedule, at: Date): boolean {
  return inIntervals(
    weekIntervals(schedule, schedule.screenOnBeforeMinutes, schedule.screenOffAfterMinutes),
    minuteOfWeek(schedule, at),
  );
}
