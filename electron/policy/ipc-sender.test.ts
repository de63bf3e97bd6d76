import { describe, expect, it } from 'vitest';
import { appOrigin } from '../app-protocol';
import { createSenderCheck, type FrameIdentity } from './ipc-sender';

describe('createSenderCheck', () => {
  let current: FrameIdentity | null = { processId: 7, routingId: 1 };
  const check = createSenderCheck(appOrigin, () => current);
  const ours = { url: 'kiosk://app/index.html', processId: 7, routingId: 1 };

  it('accepts the main frame of our window on our origin', () => {
    current = { processId: 7, routingId: 1 };
    expect(check(ours)).toBe(true);
  });
  it('refuses a frame of our window that shows another origin', () => {
    current = { processId: 7, routingId: 1 };
    expect(check({ ...ours, url: 'https://example.com/' })).toBe(false);
    expect(check({ ...ours, url: 'kiosk://staff/index.html' })).toBe(false);
    expect(check({ ...ours, url: '' })).toBe(false);
  });
  it('refuses our origin in another frame or process (subframe, second window)', () => {
    current = { processId: 7, routingId: 1 };
    expect(check({ ...ours, routingId: 2 })).toBe(false);
    expect(check({ ...ours, processId: 8 })).toBe(false);
    expect(check({ url: ours.url })).toBe(false);
  });
  it('follows the window to its new frame after a renderer reload', () => {
    current = { processId: 9, routingId: 3 };
    expect(check(ours)).toBe(false);
    expect(check({ ...ours, processId: 9, routingId: 3 })).toBe(true);
  });
  it('refuses everything while the window has no live frame, and a destroyed sender', () => {
    current = null;
    expect(check(ours)).toBe(false);
    current = { processId: 7, routingId: 1 };
    expect(check(null)).toBe(false);
  });
});
