import type { HandlerTable } from '../handler';
import { redeemCoupon } from './coupons';
import { recordConsent, registerMember, requestErasure, setPreference } from './members';
import { shareLook } from './looks';
import { placeOrder } from './orders';
import { attachPhoto } from './photos';
import { earnPoints, redeemPoints } from './points';
import { logTryOn, recordNps, recordSale } from './records';
import { staffRequest, updateStaffRequest } from './requests';

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
  updateStaffRequest,
  requestErasure,
  recordNps,
  attachPhoto,
  shareLook,
};
