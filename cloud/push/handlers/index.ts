import type { HandlerTable } from '../handler';
import { redeemCoupon } from './coupons';
import { recordConsent, registerMember, requestErasure, setPreference } from './members';
import { placeOrder } from './orders';
import { earnPoints, redeemPoints } from './points';
import { logTryOn, recordNps, recordSale, staffRequest } from './records';

/** One handler per mutation name; version dispatch happens on args parsing (v1 only so far). */
export const HANDLERS: HandlerTable = {
  recordSale,
  redeemPoints,
  earnPoints,
  redeemCoupon,
  logTryOn,
  setPreference,
  recordConsent,
  registerMember,
  placeOrder,
  staffRequest,
  requestErasure,
  recordNps,
};
