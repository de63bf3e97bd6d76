/**
 * One new mutation inside its batch's transaction: validated, its member resolved and checked for
 * presence, then its handler run. The caller took a savepoint just before (push-batch.ts); a
 * business rejection rolls back to it, so the rejected mutation leaves no effect but its staff task.
 */
import { formatZodError } from '../../common/result';
import {
  clampHlc,
  mutationSchema,
  parseHlc,
  type MutationEnvelope,
  type MutationName,
  type StoredResult,
} from '../../sync/protocol';
import type { DeviceIdentity } from '../auth/enrollment';
import type { Queryable } from '../db/db';
import { BusinessRejection, type HandlerContext } from './handler';
import { HANDLERS } from './handlers/index';
import type { NamedMember } from './member-lookup';
import { presenceRejection, resolveNamedMember } from './presence-check';

export interface ApplyOptions {
  now: Date;
  maxClockSkewMs: number;
  presenceSecret: Buffer;
  /** Rolls the transaction back to the savepoint taken before this mutation. */
  rollback: () => Promise<void>;
  /** Members the push names, looked up at once (member-lookup.ts); others are looked up here. */
  members?: ReadonlyMap<string, NamedMember>;
}

function invalid(m: MutationEnvelope, error: string | null): BusinessRejection {
  if (error === null)
    return new BusinessRejection(
      'unknown-mutation',
      `unknown mutation ${m.name} v${m.version}`,
      { kind: 'none' },
      {
        kind: 'sync-parked',
        message: `Kiosk sent ${m.name} v${m.version}, which this server does not know (key ${m.key})`,
      },
    );
  return new BusinessRejection(
    'invalid-args',
    // whole code points: half a surrogate pair is text PostgreSQL refuses
    [...`${m.name} v${m.version}: ${error}`].slice(0, 2000).join(''),
    { kind: 'none' },
    { kind: 'sync-parked', message: `Kiosk sent invalid ${m.name} (key ${m.key})` },
  );
}

/** The outcome to record for `m`; its effect (or, when rejected, its staff task) is written. */
export async function applyMutation(
  tx: Queryable,
  device: DeviceIdentity,
  m: MutationEnvelope,
  opts: ApplyOptions,
): Promise<StoredResult> {
  const { now } = opts;
  const schema = mutationSchema(m.name, m.version);
  if (!schema) return reject(tx, device, m, invalid(m, null), now);
  const parsed = schema.safeParse(m.args);
  if (!parsed.success) return reject(tx, device, m, invalid(m, formatZodError(parsed.error)), now);
  const ctx: HandlerContext = {
    deviceId: device.deviceId,
    storeId: device.storeId,
    hlc: clampHlc(m.hlc, now.getTime(), opts.maxClockSkewMs),
    now,
  };
  // A provisional member id becomes the permanent one; another store's member needs a ticket.
  const named = await resolveNamedMember(tx, parsed.data, opts.members);
  const absent = await presenceRejection(tx, device, m, named, {
    at: parseHlc(ctx.hlc)?.wallMs ?? now.getTime(),
    now,
    secret: opts.presenceSecret,
  });
  if (absent) return reject(tx, device, m, absent, now);
  try {
    const handler = HANDLERS[m.name as MutationName] as (
      tx: Queryable,
      a: unknown,
      c: HandlerContext,
    ) => Promise<unknown>;
    const result = await handler(tx, named.args, ctx);
    return {
      status: 'applied',
      result: result ?? null,
      error: null,
      compensation: null,
      staffTask: null,
    };
  } catch (err) {
    if (!(err instanceof BusinessRejection)) throw err;
    await opts.rollback();
    return reject(tx, device, m, err, now);
  }
}

/** Stores a rejection's staff task and returns the outcome to record (no effect, seq advances). */
async function reject(
  tx: Queryable,
  device: DeviceIdentity,
  m: MutationEnvelope,
  rejection: BusinessRejection,
  now: Date,
): Promise<StoredResult> {
  let staffTask: StoredResult['staffTask'] = null;
  if (rejection.task) {
    const { rows } = await tx.query<{ id: string }>(
      'INSERT INTO staff_tasks (store_id, device_id, kind, message, ref, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id',
      [
        device.storeId,
        device.deviceId,
        rejection.task.kind,
        rejection.task.message,
        m.key,
        now.toISOString(),
      ],
    );
    staffTask = {
      id: rows[0]?.id ?? '',
      kind: rejection.task.kind,
      message: rejection.task.message,
    };
  }
  return {
    status: 'rejected',
    result: null,
    error: { code: rejection.code, message: rejection.message },
    compensation: rejection.compensation,
    staffTask,
  };
}
