/**
 * Payment by a scanned mobile payment code, behind one interface so a real provider (WeChat Pay,
 * Alipay micropay) replaces the simulator without touching the checkout. Guarantees: `charge`
 * never throws; the same `idempotencyKey` never charges twice; 'offline' means no money moved.
 */
import { fail, ok, type Result } from '../../../common/result';

export type ChargeResult = Result<{ providerRef: string }, 'declined' | 'offline'>;

export interface ChargeRequest {
  idempotencyKey: string;
  provider: 'wechat' | 'alipay';
  paymentCode: string;
  amountCents: number;
}

export interface PaymentProvider {
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/**
 * How the simulator answers: 'sim' approves (see below); 'offline' always answers offline;
 * 'network' behaves like 'sim' while the kiosk reaches the member cloud and answers offline while
 * sync reports it 'offline', because a kiosk whose network is down cannot reach a payment provider
 * either. A kiosk that is not enrolled is never 'offline', so 'network' then equals 'sim'.
 */
export type PaymentMode = 'sim' | 'offline' | 'network';

const offline: ChargeResult = fail('offline', 'the payment service cannot be reached');

/**
 * How many recent charges the simulator remembers. A retry with the same key comes within the same
 * checkout, seconds later; remembering every charge of a kiosk that runs for months would grow
 * its memory by a sale's worth each sale (the soak bench saw it).
 */
export const SIM_REMEMBERED_CHARGES = 1024;

/**
 * The simulator: approves every code except those ending in "0000" (declined), and answers offline
 * as `mode` says. It remembers its recent charges, so a retry gets the first answer, like a real
 * provider's idempotency window.
 */
export function simulatedPaymentProvider(
  mode: PaymentMode = 'sim',
  connectivity: () => string = () => 'online',
): PaymentProvider {
  // Insertion order is charge order: the first key is the oldest.
  const charged = new Map<string, string>();
  let counter = 0;
  return {
    async charge(request) {
      if (mode === 'offline' || (mode === 'network' && connectivity() === 'offline'))
        return offline;
      const earlier = charged.get(request.idempotencyKey);
      if (earlier) return ok({ providerRef: earlier });
      if (request.paymentCode.endsWith('0000')) return fail('declined', 'the payment was declined');
      counter += 1;
      const ref = `SIM-${request.provider.toUpperCase()}-${String(counter).padStart(6, '0')}`;
      charged.set(request.idempotencyKey, ref);
      if (charged.size > SIM_REMEMBERED_CHARGES) {
        const oldest = charged.keys().next();
        if (!oldest.done) charged.delete(oldest.value);
      }
      return ok({ providerRef: ref });
    },
  };
}
