/**
 * Who a campaign reaches, as pure functions: each member's own validity window (the schedule, or
 * their birthday month inside it) and the random split into the targeted arm and the control arm.
 */
import { randomInt } from 'node:crypto';

export interface Window {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Last day of month `m` (1..12) of year `y`. */
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The member's window: the whole schedule, or — for a birthday-month campaign — the first of the
 * member's birthday months ('MM-DD' birthday) that overlaps the schedule, clipped to it. Null when
 * the member has no birthday month inside the schedule (or no usable birthday).
 */
export function memberWindow(
  schedule: Window,
  birthdayMonth: boolean,
  birthday: string | null,
): Window | null {
  if (!birthdayMonth) return schedule;
  const month = /^(\d{2})-\d{2}$/.exec(birthday ?? '')?.[1];
  const m = Number(month);
  if (!month || m < 1 || m > 12) return null;
  const firstYear = Number(schedule.from.slice(0, 4));
  const lastYear = Number(schedule.to.slice(0, 4));
  for (let y = firstYear; y <= lastYear; y++) {
    const from = `${y}-${pad(m)}-01`;
    const to = `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
    const clipped = {
      from: from > schedule.from ? from : schedule.from,
      to: to < schedule.to ? to : schedule.to,
    };
    if (clipped.from <= clipped.to) return clipped;
  }
  return null;
}

/**
 * Splits members at random: exactly round(n × controlPct / 100) of them are held out as control
 * (a Fisher–Yates shuffle with the CSPRNG, so nobody can predict or steer who is held out).
 */
export function splitControl<T>(
  members: readonly T[],
  controlPct: number,
  random: (max: number) => number = randomInt,
): { treatment: T[]; control: T[] } {
  const shuffled = [...members];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = random(i + 1);
    const a = shuffled[i];
    const b = shuffled[j];
    if (a === undefined || b === undefined) continue;
    shuffled[i] = b;
    shuffled[j] = a;
  }
  const controlSize = Math.round((shuffled.length * controlPct) / 100);
  return { control: shuffled.slice(0, controlSize), treatment: shuffled.slice(controlSize) };
}
