/**
 * The `model` stream: what each kiosk receives of a trained model, kept in `model_rows` and
 * projected like every other stream (cloud/streams/projections.ts):
 *
 * - `item:<style>` (every store): popularity, item neighbours, look partners, size advice;
 * - `member:<id>` (the member's home store only): their picks and usual sizes;
 * - `meta` (one per store): version, weights, validation, and the store's row count, byte size
 *   and checksum (pageChecksum of its rows `{key, data}` in key order), so a kiosk uses a version
 *   only once it holds all of it, intact.
 *
 * Only rows whose content changed are published again (a nightly training re-sends what moved);
 * rows the new model lacks become tombstones. All in the caller's transaction.
 */
import { modelStreamKey, type TrainedModel } from '../../core/recommend';
import { pageChecksum } from '../../sync/protocol';
import type { Queryable } from '../db/db';
import { publish, publishDelete } from '../streams/projections';

export interface StoreCopy {
  storeId: string;
  rows: number;
  members: number;
  bytes: number;
  checksum: string;
}

interface Row {
  scope: string;
  key: string;
  data: Record<string, unknown>;
}

/** Writes rows into model_rows; publishes those whose content changed. */
async function writeRows(tx: Queryable, rows: readonly Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const { rows: changed } = await tx.query<{ scope: string; key: string }>(
      `INSERT INTO model_rows (scope, key, data)
       SELECT r.scope, r.key, r.data FROM jsonb_to_recordset($1::jsonb) AS r(scope text, key text, data jsonb)
       ON CONFLICT (scope, key) DO UPDATE SET data = EXCLUDED.data
         WHERE model_rows.data IS DISTINCT FROM EXCLUDED.data
       RETURNING scope, key`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
    if (changed.length > 0)
      await publish(
        tx,
        'model',
        '(scope, key) IN (SELECT c.scope, c.key FROM jsonb_to_recordset($1::jsonb) AS c(scope text, key text))',
        [JSON.stringify(changed)],
      );
  }
}

const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * Rewrites every store's `meta` row from the rows the stream serves it now (after a training or
 * an erasure), so its checksum always matches what a kiosk can pull.
 */
export async function refreshStoreMetas(
  tx: Queryable,
  meta: TrainedModel['meta'],
): Promise<StoreCopy[]> {
  const { rows: stores } = await tx.query<{ store_id: string }>(
    'SELECT store_id FROM stores ORDER BY store_id',
  );
  const { rows: shared } = await tx.query<{ key: string; data: unknown }>(
    `SELECT key, data FROM model_rows WHERE scope = '*'`,
  );
  const copies: StoreCopy[] = [];
  const metas: Row[] = [];
  for (const { store_id: storeId } of stores) {
    const { rows: own } = await tx.query<{ key: string; data: unknown }>(
      `SELECT key, data FROM model_rows WHERE scope = $1 AND key <> $2`,
      [storeId, modelStreamKey.meta],
    );
    const rows = [...shared, ...own].sort(byKey);
    const bytes = rows.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r.data)), 0);
    const copy: StoreCopy = {
      storeId,
      rows: rows.length,
      members: own.length,
      bytes,
      checksum: pageChecksum(rows),
    };
    copies.push(copy);
    metas.push({
      scope: storeId,
      key: modelStreamKey.meta,
      data: { kind: 'meta', ...meta, rows: copy.rows, checksum: copy.checksum, bytes },
    });
  }
  await writeRows(tx, metas);
  return copies;
}

/** Publishes a trained model: changed rows rewritten, missing rows tombstoned, metas refreshed. */
export async function publishModel(
  tx: Queryable,
  model: TrainedModel,
  homeStores: ReadonlyMap<string, string | null>,
): Promise<StoreCopy[]> {
  const rows: Row[] = [];
  for (const item of model.items)
    rows.push({
      scope: '*',
      key: modelStreamKey.item(item.styleId),
      data: { kind: 'item', ...item },
    });
  for (const member of model.members) {
    const home = homeStores.get(member.memberId);
    // A member with no home store is served to no kiosk (their picks are made where they shop).
    if (home)
      rows.push({
        scope: home,
        key: modelStreamKey.member(member.memberId),
        data: { kind: 'member', ...member },
      });
  }
  await writeRows(tx, rows);
  const { rows: gone } = await tx.query<{ key: string }>(
    `DELETE FROM model_rows m WHERE m.key <> $2
       AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS r(scope text, key text)
                       WHERE r.scope = m.scope AND r.key = m.key)
     RETURNING m.key`,
    [JSON.stringify(rows.map((r) => ({ scope: r.scope, key: r.key }))), modelStreamKey.meta],
  );
  for (const { key } of gone) await publishDelete(tx, 'model', key);
  return refreshStoreMetas(tx, model.meta);
}

/**
 * An erased member leaves every kiosk's copy at once: their row becomes a tombstone and the metas
 * are refreshed (the next training leaves them out entirely). No-op when there is no model yet.
 */
export async function forgetModelMember(tx: Queryable, memberId: string): Promise<void> {
  const key = modelStreamKey.member(memberId);
  const { rows } = await tx.query('DELETE FROM model_rows WHERE key = $1 RETURNING scope', [key]);
  if (rows.length === 0) return;
  await publishDelete(tx, 'model', key);
  const { rows: latest } = await tx.query<{ meta: TrainedModel['meta'] }>(
    'SELECT meta FROM recommend_models ORDER BY trained_at DESC LIMIT 1',
  );
  if (latest[0]) await refreshStoreMetas(tx, latest[0].meta);
}
