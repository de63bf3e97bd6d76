/**
 * The staff area: badge + PIN sign-in, the request queue, approvals, the member panel, guided
 * sessions, price overrides and voids at a checkout, and an audited "sync now".
 *
 * `staff: true` marks a method only a signed-in staff member may call: the host's dispatcher
 * answers `forbidden` without running it while nobody is signed in (bridge/server.ts). Signing in
 * and out are open to the screen, as a badge can be scanned at any screen.
 */
import { z } from 'zod';
import {
  approvalSchema,
  priceOverrideReasonSchema,
  sessionViewSchema,
  staffRequestSchema,
  staffRequestStatusSchema,
  syncTaskSchema,
} from '../views';
import { none } from './shared';
import { syncNowResultSchema } from './sync';

export const staffMethods = {
  /** The PIN for the badge just scanned (or a typed badge). */
  'staff.login': {
    input: z
      .object({
        pin: z
          .string()
          .max(8)
          .regex(/^\d{4,8}$/),
        badge: z.string().min(1).max(40).optional(),
      })
      .strict(),
    output: sessionViewSchema,
  },
  'staff.cancelPin': { input: none, output: sessionViewSchema },
  'staff.logout': { input: none, output: sessionViewSchema },
  'staff.updateRequest': {
    input: z
      .object({ requestId: z.string().min(1).max(64), status: staffRequestStatusSchema })
      .strict(),
    output: staffRequestSchema.nullable(),
    staff: true,
  },
  'staff.decide': {
    input: z.object({ approvalId: z.string().min(1).max(64), approve: z.boolean() }).strict(),
    output: approvalSchema.nullable(),
    staff: true,
  },
  /** Opens the member panel for a card number or member QR token (typed or pasted by staff). */
  'staff.member': {
    input: z
      .object({
        kind: z.enum(['card', 'qr']),
        // The length is checked before trimming, so padding cannot make the input unbounded.
        value: z.string().max(120).trim().min(1),
      })
      .strict(),
    output: sessionViewSchema,
    staff: true,
  },
  'staff.closeMember': { input: none, output: sessionViewSchema, staff: true },
  /** Starts working with a customer: scanned garments become cards with suggestions. */
  'staff.guidedStart': { input: none, output: sessionViewSchema, staff: true },
  /** Ends the guided session and wipes it; the staff member stays signed in. */
  'staff.guidedEnd': { input: none, output: sessionViewSchema, staff: true },
  /** Sets a cart line's unit price (fen); an associate's override waits for a supervisor. */
  'staff.overridePrice': {
    input: z
      .object({
        sku: z.string().min(1).max(60),
        priceCents: z.number().int().min(0).max(100_000_000),
        reason: priceOverrideReasonSchema,
      })
      .strict(),
    output: sessionViewSchema,
    staff: true,
  },
  /** Voids the whole basket before payment (supervisor; an associate's void waits for one). */
  'staff.void': { input: none, output: sessionViewSchema, staff: true },
  /** "Sync now" from the console, audited; null when no staff member is signed in. */
  'staff.syncNow': { input: none, output: syncNowResultSchema.nullable(), staff: true },
  /** Open tasks from sync rejections, oldest first; null when no staff member is signed in. */
  'staff.syncTasks': { input: none, output: z.array(syncTaskSchema).nullable(), staff: true },
  /** Marks a sync task done (audited); answers the open tasks left, null when not signed in. */
  'staff.resolveSyncTask': {
    input: z.object({ taskId: z.string().min(1).max(300) }).strict(),
    output: z.array(syncTaskSchema).nullable(),
    staff: true,
  },
} as const;

export const staffEvents = {
  'staff.request': staffRequestSchema,
} as const;
