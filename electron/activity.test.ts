import { describe, expect, it } from 'vitest';
import type { IpcInvokeEventLike, IpcMainLike } from '../bridge/ipc';
import { createActivityClock, withActivity } from './activity';

describe('activity clock', () => {
  it('starts with no activity and records each touch', () => {
    let now = new Date('2026-03-02T10:00:00Z');
    const clock = createActivityClock(() => now);
    expect(clock.lastActivityAt()).toBeNull();
    clock.touch();
    now = new Date('2026-03-02T10:05:00Z');
    clock.touch();
    expect(clock.lastActivityAt()).toEqual(now);
  });
  it('marks activity on every bridge call and passes calls through unchanged', async () => {
    const handlers = new Map<
      string,
      (event: IpcInvokeEventLike, params: unknown) => Promise<unknown>
    >();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => handlers.set(channel, listener),
      removeHandler: (channel) => handlers.delete(channel),
    };
    const clock = createActivityClock(() => new Date(42));
    const wrapped = withActivity(ipc, clock);
    wrapped.handle('kiosk:app.info', async (_event, params) => ({ echoed: params }));
    const result = await handlers.get('kiosk:app.info')?.({ senderFrame: null }, { a: 1 });
    expect(result).toEqual({ echoed: { a: 1 } });
    expect(clock.lastActivityAt()).toEqual(new Date(42));
    wrapped.removeHandler('kiosk:app.info');
    expect(handlers.size).toBe(0);
  });
});
