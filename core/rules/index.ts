/** Pure domain rules: money, pricing, coupons, points, hybrid logical clock, RFM. */
export * from './types';
export * from './money';
export * from './records';
export * from './coupons';
export * from './pricing';
export * from './pricing-labels';
export * from './points';
export * as hlc from './hlc';
export type { HlcStamp } from './hlc';
export * from './rfm';
