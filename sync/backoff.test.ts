import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from './backoff';
import { toWireHlc } from './hlc-wire';

describe('backoffDelay', () => {
  it('grows from 1 s and never exceeds 5 min, with jitter across the whole window', () => {
    expect(backoffDelay(1, () => 0.99)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(2, () => 1)).toBe(2000);
    expect(backoffDelay(4, () => 0)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(4, () => 1)).toBe(8000);
    expect(backoffDelay(40, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(40, () => 0.5)).toBe(Math.round(1000 + 0.5 * (BACKOFF_CAP_MS - 1000)));
    for (let n = 1; n < 50; n++) {
      const d = backoffDelay(n);
      expect(d).toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
      expect(d).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    }
  });

  it('honours Retry-After as a floor, capped at 5 min', () => {
    expect(backoffDelay(1, () => 0, 7000)).toBe(7000);
    expect(backoffDelay(1, () => 0, 3_600_000)).toBe(BACKOFF_CAP_MS);
  });
});

describe('toWireHlc', () => {
  it('converts core text stamps to the fixed wire form and passes wire stamps through', () => {
    expect(toWireHlc('000001764000000123-0042-kiosk-1')).toBe('001764000000123-00042');
    expect(toWireHlc('001764000000123-00042')).toBe('001764000000123-00042');
    expect(toWireHlc('not a stamp')).toBeNull();
    expect(toWireHlc('999999999999999999-0001-x')).toBeNull(); // beyond 15 digits
  });
});
