import { describe, expect, it } from 'vitest';
import { checkDecision, installDecision, parseFeedUrl, type UpdateContext } from './update-policy';

const policy = { idleMs: 15 * 60_000, minIntervalMs: 60 * 60_000 };
const now = new Date('2026-03-02T18:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const closedIdle: UpdateContext = {
  now,
  storeOpen: false,
  lastActivityAt: ago(60),
  lastCheckAt: ago(120),
};

describe('checkDecision', () => {
  it('runs when the store is closed, nobody is using the kiosk and the last check is old', () => {
    expect(checkDecision(closedIdle, policy)).toEqual({ run: true });
    expect(
      checkDecision({ ...closedIdle, lastActivityAt: null, lastCheckAt: null }, policy),
    ).toEqual({ run: true });
  });
  it('never runs while the store is open, even when idle', () => {
    expect(checkDecision({ ...closedIdle, storeOpen: true }, policy)).toEqual({
      run: false,
      reason: 'store-open',
    });
  });
  it('waits for a session after closing time to end', () => {
    expect(checkDecision({ ...closedIdle, lastActivityAt: ago(14) }, policy)).toEqual({
      run: false,
      reason: 'session-active',
    });
    expect(checkDecision({ ...closedIdle, lastActivityAt: ago(15) }, policy)).toEqual({
      run: true,
    });
  });
  it('spaces checks out', () => {
    expect(checkDecision({ ...closedIdle, lastCheckAt: ago(59) }, policy)).toEqual({
      run: false,
      reason: 'checked-recently',
    });
  });
});

describe('installDecision', () => {
  it('installs a downloaded update regardless of the check interval, but never in a session', () => {
    expect(installDecision({ ...closedIdle, lastCheckAt: ago(1) }, policy)).toEqual({ run: true });
    expect(installDecision({ ...closedIdle, lastActivityAt: ago(2) }, policy)).toEqual({
      run: false,
      reason: 'session-active',
    });
    expect(installDecision({ ...closedIdle, storeOpen: true }, policy)).toEqual({
      run: false,
      reason: 'store-open',
    });
  });
});

describe('parseFeedUrl', () => {
  it('accepts https feeds and normalises the trailing slash', () => {
    expect(parseFeedUrl('https://updates.brand.example/kiosk')).toEqual({
      ok: true,
      value: 'https://updates.brand.example/kiosk/',
    });
    expect(parseFeedUrl('http://127.0.0.1:9000/feed/')).toEqual({
      ok: true,
      value: 'http://127.0.0.1:9000/feed/',
    });
  });
  it.each([
    'http://updates.brand.example/kiosk',
    'ftp://x/y',
    'file:///srv/feed',
    'https://user:pw@x.example/',
    'nope',
  ])('refuses %s', (url) => {
    expect(parseFeedUrl(url).ok).toBe(false);
  });
});
