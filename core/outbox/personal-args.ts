/**
 * Personal values in outbox arguments (a joining member's name and phone, a contact, a free-text
 * comment) never rest in clear: `enqueue` moves them out of `args` into `sealed_args`, AES-GCM
 * sealed with the data key, the row's idempotency key as associated data (it survives an epoch
 * move, unlike seq), and the push opens them only to send (`openPersonalArgs`). Erasing a member
 * drops the sealed values of every outbox row of that member (`dropPersonalArgs`): a row that
 * cannot be sent without them (registerMember) is then sent as a placeholder and parked.
 */
import { fail, ok, type Result } from '../../common/result';
import { decryptField, encryptField, type FieldAad } from '../crypto/field-crypto';
import type { DataKey } from '../crypto/data-key';
import type { WritableDB } from '../store/db';

interface PersonalRule {
  /** Argument names that hold personal values. */
  fields: readonly string[];
  /** Whether the mutation still means something with those fields null (after an erasure). */
  sendableWithout: boolean;
}

/** Per mutation, the arguments that are personal (sync/protocol/mutations.ts). */
export const PERSONAL_ARGS: Readonly<Record<string, PersonalRule>> = {
  registerMember: { fields: ['name', 'phone', 'birthday', 'gender'], sendableWithout: false },
  placeOrder: { fields: ['contact'], sendableWithout: true },
  recordNps: { fields: ['comment'], sendableWithout: true },
  staffRequest: { fields: ['message'], sendableWithout: true },
  attachPhoto: { fields: ['jpeg'], sendableWithout: true },
};

type Args = Record<string, unknown>;

const aad = (idempotencyKey: string): FieldAad => ({
  table: 'outbox',
  column: 'sealed_args',
  rowId: idempotencyKey,
});

/**
 * Splits `args` into what may rest in clear and the sealed personal values (`sealed` null when
 * there are none); null when there are personal values but no key to seal them with.
 */
export function sealPersonalArgs(
  key: DataKey | undefined,
  mutation: string,
  idempotencyKey: string,
  args: Args,
): { args: Args; sealed: Buffer | null } | null {
  const rule = Object.hasOwn(PERSONAL_ARGS, mutation) ? PERSONAL_ARGS[mutation] : undefined;
  const personal = (rule?.fields ?? []).filter((f) => args[f] !== undefined && args[f] !== null);
  if (personal.length === 0) return { args, sealed: null };
  if (!key) return null;
  const clear: Args = {};
  const secret: Args = {};
  for (const [name, value] of Object.entries(args))
    (personal.includes(name) ? secret : clear)[name] = value;
  return {
    args: clear,
    sealed: encryptField(key, JSON.stringify(secret), aad(idempotencyKey)),
  };
}

export interface SealedRow {
  mutation: string;
  idempotencyKey: string;
  args: Args;
  sealedArgs: Uint8Array | null;
  personalErased: boolean;
}

export type OpenedArgs = Result<Args, 'erased' | 'unreadable' | 'no-key'>;

/** The arguments to send: the personal values put back, or null-ed when they were erased. */
export function openPersonalArgs(key: DataKey | undefined, row: SealedRow): OpenedArgs {
  const rule = Object.hasOwn(PERSONAL_ARGS, row.mutation) ? PERSONAL_ARGS[row.mutation] : undefined;
  if (row.personalErased) {
    if (!rule) return ok(row.args);
    if (!rule.sendableWithout)
      return fail('erased', `${row.mutation}: its personal values were erased`);
    return ok({ ...row.args, ...Object.fromEntries(rule.fields.map((f) => [f, null])) });
  }
  if (!row.sealedArgs) return ok(row.args);
  if (!key) return fail('no-key', `${row.mutation}: sealed personal values need the data key`);
  const unreadable = () =>
    fail('unreadable', `${row.mutation}: sealed personal values do not open with this key`);
  try {
    const secret: unknown = JSON.parse(decryptField(key, row.sealedArgs, aad(row.idempotencyKey)));
    if (secret === null || typeof secret !== 'object' || Array.isArray(secret)) return unreadable();
    return ok({ ...row.args, ...secret });
  } catch {
    return unreadable();
  }
}

/**
 * Erasure: the sealed personal values of every outbox row of these member ids (a member's own id
 * and the provisional id it joined under) are deleted, whatever the row's state. Runs inside the
 * caller's transaction; returns how many rows lost them.
 */
export function dropPersonalArgs(db: WritableDB, memberIds: readonly string[], at: string): number {
  let changed = 0;
  const drop = db.prepare(
    `UPDATE outbox SET sealed_args = NULL, personal_erased_at = ?
     WHERE sealed_args IS NOT NULL
       AND (json_extract(args, '$.memberId') = ? OR json_extract(args, '$.provisionalId') = ?)`,
  );
  for (const id of memberIds) changed += drop.run(at, id, id).changes;
  return changed;
}

/**
 * Rows written before personal values were sealed (a kiosk upgraded with a queue): their clear
 * values are sealed now. Call once the data key is known; a no-op when nothing is left in clear.
 */
export function sealLegacyPersonalArgs(db: WritableDB, key: DataKey): number {
  const names = Object.keys(PERSONAL_ARGS);
  const rows = db
    .prepare<[string], { id: number; mutation: string; idempotency_key: string; args: string }>(
      `SELECT id, mutation, idempotency_key, args FROM outbox
       WHERE sealed_args IS NULL AND personal_erased_at IS NULL
         AND mutation IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(names));
  const update = db.prepare('UPDATE outbox SET args = ?, sealed_args = ? WHERE id = ?');
  let sealed = 0;
  db.transaction(() => {
    for (const row of rows) {
      const parsed: unknown = JSON.parse(row.args);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) continue;
      const split = sealPersonalArgs(key, row.mutation, row.idempotency_key, { ...parsed });
      if (!split?.sealed) continue;
      update.run(JSON.stringify(split.args), split.sealed, row.id);
      sealed++;
    }
  });
  return sealed;
}
