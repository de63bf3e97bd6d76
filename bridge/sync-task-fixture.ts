/** Staff sync tasks as the host's view gives them, for the host's and the screens' tests. */
import type { SyncTaskView } from './views';

/** The facts a task has none of until its kind fills some in. */
export const noTaskFacts = {
  memberId: null,
  couponCode: null,
  discountCents: null,
  points: null,
  balance: null,
  orderId: null,
  saleId: null,
};

/** The cloud refused a coupon already used elsewhere: the first open task of the fixtures. */
export const couponTask: SyncTaskView = {
  ...noTaskFacts,
  taskId: 'cloud:1',
  kind: 'coupon-already-used',
  memberId: 'M000017',
  couponCode: 'WELCOME50',
  discountCents: 5000,
  saleId: 'SALE-1',
  errorCode: 'coupon-already-used',
  createdAt: '2026-11-24T07:00:01.000Z',
};
