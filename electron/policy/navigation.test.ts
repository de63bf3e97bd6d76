import { describe, expect, it } from 'vitest';
import { appOrigin } from '../app-protocol';
import { isNavigationAllowed, windowOpenDecision } from './navigation';

describe('isNavigationAllowed', () => {
  it('allows pages of our own origin', () => {
    expect(isNavigationAllowed('kiosk://app/index.html', appOrigin)).toBe(true);
    expect(isNavigationAllowed('kiosk://APP/index.html#/checkout', appOrigin)).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8421/',
    'kiosk://staff/index.html',
    'kiosk://app.evil.com/',
    'file:///etc/passwd',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isNavigationAllowed(url, appOrigin)).toBe(false);
  });
  it('denies every new window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});
