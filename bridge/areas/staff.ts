/** The staff area: badge + PIN sign-in, the request queue, approvals. */
import { z } from 'zod';
import {
  approvalSchema,
  sessionViewSchema,
  staffRequestSchema,
  staffRequestStatusSchema,
} from '../views';
import { none } from './shared';

export const staffMethods = {
  /** The PIN for the badge just scanned (or a typed badge). */
  'staff.login': {
    input: z
      .object({ pin: z.string().regex(/^\d{4,8}$/), badge: z.string().min(1).max(40).optional() })
      .strict(),
    output: sessionViewSchema,
  },
  'staff.cancelPin': { input: none, output: sessionViewSchema },
  'staff.logout': { input: none, output: sessionViewSchema },
  'staff.requests': { input: none, output: z.array(staffRequestSchema) },
  'staff.updateRequest': {
    input: z
      .object({ requestId: z.string().min(1).max(64), status: staffRequestStatusSchema })
      .strict(),
    output: staffRequestSchema.nullable(),
  },
  'staff.decide': {
    input: z.object({ approvalId: z.string().min(1).max(64), approve: z.boolean() }).strict(),
    output: approvalSchema.nullable(),
  },
} as const;

export const staffEvents = {
  'staff.request': staffRequestSchema,
} as const;
