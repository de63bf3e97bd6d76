import { describe, expect, it } from 'vitest';
import { SIM_REMEMBERED_CHARGES, simulatedPaymentProvider, type ChargeRequest } from './payment';
import { screenConfigSchema } from './screen-config';

let n = 0;
const request = (paymentCode = '134567890123456789'): ChargeRequest => ({
  idempotencyKey: `sale-${++n}`,
  provider: 'wechat',
  paymentCode,
  amountCents: 78_900,
});

describe('simulatedPaymentProvider', () => {
  it("'network' follows the sync connectivity: offline while the cloud is unreachable, sim otherwise", async () => {
    let connectivity = 'online';
    const provider = simulatedPaymentProvider('network', () => connectivity);
    expect((await provider.charge(request())).ok).toBe(true);
    connectivity = 'offline';
    expect(await provider.charge(request())).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    connectivity = 'online';
    expect(await provider.charge(request('134567890123450000'))).toMatchObject({
      ok: false,
      error: { code: 'declined' },
    });
    expect((await provider.charge(request())).ok).toBe(true);
  });

  it("'network' on a kiosk that is not enrolled (or whose cloud refuses it) still charges", async () => {
    for (const connectivity of ['not-enrolled', 'refused', 'unknown']) {
      const provider = simulatedPaymentProvider('network', () => connectivity);
      expect((await provider.charge(request())).ok).toBe(true);
    }
  });

  it("'offline' never charges and 'sim' ignores connectivity; the same key never charges twice", async () => {
    const offline = simulatedPaymentProvider('offline', () => 'online');
    expect(await offline.charge(request())).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    const sim = simulatedPaymentProvider('sim', () => 'offline');
    const once = request();
    const first = await sim.charge(once);
    expect(first.ok).toBe(true);
    expect(await sim.charge(once)).toEqual(first);
  });

  it('remembers its recent charges only: a retry gets the first answer, memory stays bounded', async () => {
    const sim = simulatedPaymentProvider('sim');
    const first = request();
    const answer = await sim.charge(first);
    for (let i = 0; i < SIM_REMEMBERED_CHARGES - 1; i++) await sim.charge(request());
    expect(await sim.charge(first)).toEqual(answer); // still within the window
    await sim.charge(request()); // one more pushes the first out
    const later = await sim.charge(first);
    expect(later.ok && answer.ok && later.value.providerRef !== answer.value.providerRef).toBe(
      true,
    );
  });

  it("the screen config defaults to 'network' and refuses unknown modes", () => {
    expect(screenConfigSchema.parse({}).payment).toBe('network');
    expect(screenConfigSchema.safeParse({ payment: 'card' }).success).toBe(false);
  });
});
