/**
 * The soak's visits, as a shopper and the renderer make them: garments scanned on the scanner's
 * pty and read by the RFID reader, reactions and the basket through the bridge, a payment code
 * scanned at the checkout (a receipt goes to the printer), the recommend question, the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from '../../bridge/result';
import { demoEpc } from '../../test/e2e/support/rfid';
import { repoRoot } from '../../test/support/temp';
import type { SoakKiosk } from './soak-kiosk';

export type Garment = { sku: string; gtin: string };

/** The demo store's garments (sku, gtin) from its variants file. */
export function demoGarments(): Garment[] {
  return readFileSync(join(repoRoot, 'fixtures', 'demo-store', 'variants.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [sku = '', , gtin = ''] = line.split(',');
      return { sku, gtin };
    })
    .filter((g) => /^\d{13,14}$/.test(g.gtin));
}

/** A payment code the simulated provider approves (it declines codes ending in 0000). */
const paymentCode = '134567890123456789';

async function expectOk<T>(what: string, call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Visit `n` at the mirror: one garment scanned, one read by its tag, a like, the end. */
export async function mirrorVisit(k: SoakKiosk, a: Garment, b: Garment, n: number): Promise<void> {
  let shown = k.until((v) => v.cards.some((c) => c.sku === a.sku));
  k.scan(a.gtin);
  await shown;
  shown = k.until((v) => v.cards.some((c) => c.sku === b.sku));
  k.rfid.read(demoEpc(b.gtin, n));
  await shown;
  await expectOk('mirror.react', k.bridge['mirror.react']({ sku: a.sku, reaction: 'liked' }));
  await expectOk('session.end', k.bridge['session.end']({}));
}

/** Visit `n` at the checkout: two garments (scan and tag), two of the first, paid, rated, ended. */
export async function checkoutVisit(
  k: SoakKiosk,
  a: Garment,
  b: Garment,
  n: number,
): Promise<void> {
  const inCart = (sku: string) => k.until((v) => !!v.cart?.lines.some((l) => l.sku === sku));
  let reached = inCart(a.sku);
  k.scan(a.gtin);
  await reached;
  reached = inCart(b.sku);
  k.rfid.read(demoEpc(b.gtin, n));
  await reached;
  await expectOk('cart.setQty', k.bridge['cart.setQty']({ sku: a.sku, qty: 2 }));
  const paid = k.until((v) => v.cart?.payment.state === 'paid');
  k.scan(paymentCode);
  await paid;
  await expectOk('checkout.nps', k.bridge['checkout.nps']({ score: 9 }));
  await expectOk('session.end', k.bridge['session.end']({}));
}
