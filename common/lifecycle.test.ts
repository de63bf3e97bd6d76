import { describe, expect, it } from 'vitest';
import { DisposableStore, Listeners } from './lifecycle';

describe('DisposableStore', () => {
  it('releases everything once, newest first, even when one release throws', () => {
    const store = new DisposableStore();
    const order: string[] = [];
    store.add(() => order.push('first'));
    store.add(() => {
      order.push('broken');
      throw new Error('boom');
    });
    store.add(() => order.push('last'));
    expect(store.size).toBe(3);
    expect(() => store.dispose()).toThrow('boom');
    expect(order).toEqual(['last', 'broken', 'first']);
    expect(store.size).toBe(0);
    store.dispose();
    expect(order).toHaveLength(3);
  });

  it('releases at once what is added after it was disposed, and stops its intervals', async () => {
    const store = new DisposableStore();
    let ticks = 0;
    store.interval(() => ticks++, 5);
    await new Promise((r) => setTimeout(r, 30));
    store.dispose();
    const seen = ticks;
    expect(seen).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(ticks).toBe(seen);
    let late = false;
    store.add(() => (late = true));
    expect(late).toBe(true);
    expect(store.isDisposed).toBe(true);
  });
});

describe('DisposableStore timeouts', () => {
  it('runs a timeout once, and never once the store is disposed', async () => {
    const store = new DisposableStore();
    let ran = 0;
    store.timeout(() => ran++, 5);
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toBe(1);
    const cancelled = new DisposableStore();
    cancelled.timeout(() => ran++, 5);
    cancelled.dispose();
    await new Promise((r) => setTimeout(r, 30));
    expect(ran).toBe(1);
  });
});

describe('Listeners', () => {
  it('calls each listener with the event, and none once released', () => {
    const changes = new Listeners<[number]>();
    const seen: number[] = [];
    const release = changes.on((n) => seen.push(n));
    changes.fire(1);
    expect(changes.size).toBe(1);
    release();
    changes.fire(2);
    expect(seen).toEqual([1]);
    expect(changes.size).toBe(0);
  });
});
