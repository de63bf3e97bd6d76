import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createUpdateScheduler, type UpdaterLike } from './updater';

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  allowPrerelease = true;
  feed: unknown = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  failNext = false;
  setFeedURL(options: unknown) {
    this.feed = options;
  }
  async checkForUpdates() {
    this.checks += 1;
    if (this.failNext) throw new Error('ENOTFOUND');
    return null;
  }
  quitAndInstall(silent?: boolean, runAfter?: boolean) {
    this.installs.push([silent, runAfter]);
  }
}

function setup() {
  const updater = new FakeUpdater();
  const state = {
    now: new Date('2026-03-02T16:00:00Z'),
    storeOpen: false,
    lastActivityAt: null as Date | null,
  };
  const scheduler = createUpdateScheduler({
    updater: updater as unknown as UpdaterLike,
    feedUrl: 'https://updates.brand.example/kiosk/',
    policy: { idleMs: 15 * 60_000, minIntervalMs: 60 * 60_000 },
    context: () => ({ ...state }),
    log: { info() {}, warn() {} },
  });
  return { updater, state, scheduler };
}

describe('createUpdateScheduler', () => {
  it('configures a generic feed with no downgrade and no install on quit', () => {
    const { updater } = setup();
    expect(updater.feed).toEqual({
      provider: 'generic',
      url: 'https://updates.brand.example/kiosk/',
    });
    expect([
      updater.autoDownload,
      updater.autoInstallOnAppQuit,
      updater.allowDowngrade,
      updater.allowPrerelease,
    ]).toEqual([true, false, false, false]);
  });
  it('checks only while the store is closed and idle, at most once per interval', async () => {
    const { updater, state, scheduler } = setup();
    state.storeOpen = true;
    expect(await scheduler.tick()).toBe('waiting');
    state.storeOpen = false;
    expect(await scheduler.tick()).toBe('checked');
    expect(await scheduler.tick()).toBe('waiting');
    state.now = new Date(state.now.getTime() + 61 * 60_000);
    expect(await scheduler.tick()).toBe('checked');
    expect(updater.checks).toBe(2);
  });
  it('survives a failing check', async () => {
    const { updater, scheduler } = setup();
    updater.failNext = true;
    expect(await scheduler.tick()).toBe('checked');
  });
  it('installs a downloaded update only when nobody is using the kiosk', async () => {
    const { updater, state, scheduler } = setup();
    updater.emit('update-downloaded', { version: '0.2.0' });
    state.lastActivityAt = new Date(state.now.getTime() - 60_000);
    expect(await scheduler.tick()).toBe('waiting');
    expect(updater.installs).toEqual([]);
    state.now = new Date(state.now.getTime() + 20 * 60_000);
    expect(await scheduler.tick()).toBe('installing');
    expect(await scheduler.tick()).toBe('installing');
    expect(updater.installs).toEqual([[true, true]]);
  });
});
