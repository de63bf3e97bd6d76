/**
 * The outbox: mutations for the member cloud, written in the SAME transaction as the domain write
 * they describe (so both commit or neither does). `enqueue` refuses to run outside a transaction.
 * Each row gets the next gapless `seq` for (device, epoch), assigned in SQL inside that transaction.
 * `parse` validates a row read back off disk before anyone trusts it.
 */
import { z } from 'zod';
import { fail, formatZodError, ok, type Result } from '../../common/result';
import { presenceFor } from '../members/presence';
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';
import { deviceIdentity } from './device';
import { sealPersonalArgs } from './personal-args';

/** The closed list of mutation names the cloud understands (shared/DESIGN.md, Sync). */
export const MUTATION_NAMES = [
  'recordSale',
  'redeemPoints',
  'earnPoints',
  'logTryOn',
  'setPreference',
  'recordConsent',
  'registerMember',
  'placeOrder',
  'staffRequest',
  'updateStaffRequest',
  'requestErasure',
  'redeemCoupon',
  'recordNps',
  'attachPhoto',
] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

export const OUTBOX_STATES = ['pending', 'sent', 'acked', 'parked'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Mutation {
  name: MutationName;
  version: number;
  /** Business key: the same intent always gets the same key (e.g. `logTryOn:<tryon id>`). */
  idempotencyKey: string;
  args: { [key: string]: Json };
  /** HLC stamp text of the write. */
  hlc: string;
}

export interface OutboxEntry {
  id: number;
  deviceId: string;
  epoch: number;
  seq: number;
  idempotencyKey: string;
  mutation: MutationName;
  version: number;
  args: Record<string, unknown>;
  hlc: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  /** The personal arguments, sealed (personal-args.ts); null when the mutation has none. */
  sealedArgs: Uint8Array | null;
  /** An erasure deleted the sealed personal arguments: they will never be sent. */
  personalErased: boolean;
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'outside-transaction' | 'duplicate-key' | 'invalid-mutation' | 'needs-key',
    message: string,
  ) {
    super(message);
  }
}

const text = z.string().min(1).max(200);
const mutationSchema = z.object({
  name: z.enum(MUTATION_NAMES),
  version: z.number().int().min(1).max(1000),
  idempotencyKey: text,
  args: z.record(z.string(), z.json()),
  hlc: text,
});

const rowSchema = z
  .object({
    id: z.number().int().positive(),
    device_id: text,
    epoch: z.number().int().min(1),
    seq: z.number().int().min(1),
    idempotency_key: text,
    mutation: z.enum(MUTATION_NAMES),
    version: z.number().int().min(1),
    args: z.string().transform((value, ctx) => {
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
          return parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'args is not a JSON object' });
      return z.NEVER;
    }),
    hlc: text,
    state: z.enum(OUTBOX_STATES),
    attempts: z.number().int().min(0),
    next_attempt_at: z.string().nullable(),
    last_error: z.string().nullable(),
    created_at: text,
    sealed_args: z.instanceof(Uint8Array).nullable().default(null),
    personal_erased_at: z.string().nullable().default(null),
  })
  .transform((r): OutboxEntry => ({
    id: r.id,
    deviceId: r.device_id,
    epoch: r.epoch,
    seq: r.seq,
    idempotencyKey: r.idempotency_key,
    mutation: r.mutation,
    version: r.version,
    args: r.args,
    hlc: r.hlc,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sealedArgs: r.sealed_args,
    personalErased: r.personal_erased_at !== null,
  }));

export type ParseResult = Result<OutboxEntry, 'invalid-outbox-entry'>;

/** Validates an outbox row as read from SQLite (snake_case columns, args as JSON text). */
export function parse(value: unknown): ParseResult {
  const parsed = rowSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return fail('invalid-outbox-entry', formatZodError(parsed.error));
}

/**
 * Appends a mutation to the outbox inside the caller's open transaction and returns the stored
 * entry. Personal arguments are sealed with `key` (personal-args.ts). A mutation naming a member
 * who holds a presence ticket valid now (a member of another store, core/members/presence.ts)
 * carries a sealed copy of it: the ticket of the mutation's time. Throws OutboxError when called
 * outside a transaction, for an invalid mutation, for an idempotency key already queued (the
 * caller's transaction should then roll back), or for personal arguments without a key.
 */
export function enqueue(
  db: WritableDB,
  mutation: Mutation,
  now: Date = new Date(),
  key?: DataKey,
): OutboxEntry {
  if (!db.raw.inTransaction)
    throw new OutboxError(
      'outside-transaction',
      'enqueue must run inside the transaction of the write it describes',
    );
  const checked = mutationSchema.safeParse(mutation);
  if (!checked.success)
    throw new OutboxError('invalid-mutation', `invalid mutation: ${checked.error.message}`);
  const existing = db
    .prepare<[string], { id: number }>('SELECT id FROM outbox WHERE idempotency_key = ?')
    .get(mutation.idempotencyKey);
  if (existing)
    throw new OutboxError(
      'duplicate-key',
      `mutation ${mutation.idempotencyKey} is already in the outbox`,
    );
  const personal = sealPersonalArgs(key, mutation.name, mutation.idempotencyKey, mutation.args);
  if (!personal)
    throw new OutboxError(
      'needs-key',
      `${mutation.name} carries personal values: enqueue needs the data key to seal them`,
    );
  const { deviceId, epoch } = deviceIdentity(db);
  const counter = db
    .prepare<[string, number], { last_seq: number }>(
      `INSERT INTO outbox_counters (device_id, epoch, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (device_id, epoch) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    )
    .get(deviceId, epoch);
  const seq = counter?.last_seq ?? 1;
  const row = db
    .prepare<unknown[], Record<string, unknown>>(
      `INSERT INTO outbox (device_id, epoch, seq, idempotency_key, mutation, version, args, hlc,
         state, attempts, next_attempt_at, created_at, sealed_args, presence_enc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      deviceId,
      epoch,
      seq,
      mutation.idempotencyKey,
      mutation.name,
      mutation.version,
      JSON.stringify(personal.args),
      mutation.hlc,
      now.toISOString(),
      now.toISOString(),
      personal.sealed,
      typeof mutation.args.memberId === 'string'
        ? presenceFor(db, mutation.args.memberId, now)
        : null,
    );
  const entry = parse(row);
  if (!entry.ok) throw new OutboxError('invalid-mutation', entry.error.message);
  return entry.value;
}
