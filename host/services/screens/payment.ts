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
 * The simulator: approves every code except those ending in "0000" (declined), and answers offline
 * as `mode` says. It remembers what it charged, like a real provider does.
 */
export function simulatedPaymentProvider(
  mode: PaymentMode = 'sim',
  connectivity: () => string = () => 'online',
): PaymentProvider {
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
      return ok({ providerRef: ref });
    },
  };
}
