import { describe, expect, it } from 'vitest';
import { createStaffExitGate } from './staff-exit';

function gate(verify: (badge: string, pin: string) => Promise<boolean>) {
  let now = 0;
  const instance = createStaffExitGate({
    verify,
    now: () => now,
    maxFailures: 3,
    windowMs: 60_000,
    lockoutMs: 300_000,
  });
  return { gate: instance, advance: (ms: number) => (now += ms) };
}
const supervisor = async (badge: string, pin: string) => badge === 'SUP-1' && pin === '2468';

describe('createStaffExitGate', () => {
  it('lets a supervisor with the right badge and PIN out', async () => {
    const { gate: g } = gate(supervisor);
    expect(await g.submit({ badge: ' SUP-1 ', pin: '2468' })).toEqual({ ok: true, value: null });
  });
  it('denies a wrong PIN or an unknown badge', async () => {
    const { gate: g } = gate(supervisor);
    expect(await g.submit({ badge: 'SUP-1', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
    expect(await g.submit({ badge: 'CASHIER', pin: '2468' })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
  });
  it.each([
    null,
    'SUP-1',
    {},
    { badge: 'SUP-1' },
    { badge: '', pin: '2468' },
    { badge: 'SUP-1', pin: '12' },
    { badge: 'SUP-1', pin: 'abcd' },
    { badge: 'SUP-1', pin: '2468', extra: 1 },
  ])('answers bad-request to malformed input %j without asking the host', async (input) => {
    let asked = false;
    const { gate: g } = gate(async () => ((asked = true), true));
    expect(await g.submit(input)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(asked).toBe(false);
  });
  it('locks after repeated failures, even for the right PIN, until the lockout ends', async () => {
    const { gate: g, advance } = gate(supervisor);
    await g.submit({ badge: 'SUP-1', pin: '1111' });
    await g.submit({ badge: 'SUP-1', pin: '2222' });
    expect(await g.submit({ badge: 'SUP-1', pin: '3333' })).toMatchObject({
      ok: false,
      error: { code: 'locked', details: { retryAfterMs: 300_000 } },
    });
    advance(100_000);
    expect(await g.submit({ badge: 'SUP-1', pin: '2468' })).toMatchObject({
      ok: false,
      error: { code: 'locked', details: { retryAfterMs: 200_000 } },
    });
    advance(200_000);
    expect(await g.submit({ badge: 'SUP-1', pin: '2468' })).toEqual({ ok: true, value: null });
  });
  it('forgets failures older than the window', async () => {
    const { gate: g, advance } = gate(supervisor);
    await g.submit({ badge: 'SUP-1', pin: '1111' });
    await g.submit({ badge: 'SUP-1', pin: '2222' });
    advance(61_000);
    expect(await g.submit({ badge: 'SUP-1', pin: '3333' })).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
  });
  it('reports unavailable when the host cannot check', async () => {
    const { gate: g } = gate(async () => {
      throw new Error('db closed');
    });
    expect(await g.submit({ badge: 'SUP-1', pin: '2468' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
