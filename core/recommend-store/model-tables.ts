/**
 * The kiosk's copy of the recommendation model (migration 0270), by named operations:
 *
 * - `saveLocalModel`: a model this kiosk trained on its own history replaces the active one;
 * - `stageModelRow` / `activateStagedModel`: the cloud's `model` stream lands in
 *   `model_stream_rows`; a version is used only once every row of it is there and the rows hash to
 *   the checksum its meta row names, then it replaces the active model in one transaction;
 * - `forgetMember`: a member's picks leave both the staged and the active copy at once (erasure).
 *
 * Reads parse every row with the model's zod schemas: a damaged row reads as absent.
 */
import {
  ItemModelSchema,
  MemberModelSchema,
  ModelMetaSchema,
  ModelStreamDataSchema,
  modelStreamKey,
  StreamMetaSchema,
  type ItemModel,
  type MemberModel,
  type ModelMeta,
  type TrainedModel,
} from '../recommend';
import type { ReadableDB, WritableDB } from '../store/db';

export type ModelSource = 'cloud' | 'local';

export interface ActiveModel {
  version: string;
  source: ModelSource;
  meta: ModelMeta;
  activatedAt: string;
  sourceRows: number | null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function activeModel(db: ReadableDB): ActiveModel | null {
  const row = db
    .prepareRead<
      [],
      { version: string; source: string; meta: string; at: string; rows: number | null }
    >(
      `SELECT version, source, meta, activated_at AS at, source_rows AS rows
       FROM recommend_model WHERE id = 1`,
    )
    .get();
  const meta = row ? ModelMetaSchema.safeParse(parseJson(row.meta)) : null;
  if (!row || !meta?.success || (row.source !== 'cloud' && row.source !== 'local')) return null;
  return {
    version: row.version,
    source: row.source,
    meta: meta.data,
    activatedAt: row.at,
    sourceRows: row.rows,
  };
}

export function memberModel(db: ReadableDB, memberId: string): MemberModel | null {
  const row = db
    .prepareRead<[string], { data: string }>(
      'SELECT data FROM recommend_members WHERE member_id = ?',
    )
    .get(memberId);
  const parsed = row ? MemberModelSchema.safeParse(parseJson(row.data)) : null;
  return parsed?.success ? parsed.data : null;
}

export function itemModel(db: ReadableDB, styleId: string): ItemModel | null {
  const row = db
    .prepareRead<[string], { data: string }>('SELECT data FROM recommend_items WHERE style_id = ?')
    .get(styleId);
  const parsed = row ? ItemModelSchema.safeParse(parseJson(row.data)) : null;
  return parsed?.success ? parsed.data : null;
}

/** The most popular styles of the model, best first. */
export function popularStyles(
  db: ReadableDB,
  limit: number,
): { styleId: string; popularity: number }[] {
  return db
    .prepareRead<[number], { styleId: string; popularity: number }>(
      `SELECT style_id AS styleId, popularity FROM recommend_items
       ORDER BY popularity DESC, style_id LIMIT ?`,
    )
    .all(limit);
}

function replaceActive(
  db: WritableDB,
  meta: ModelMeta,
  source: ModelSource,
  items: Iterable<{ styleId: string; popularity: number; data: string }>,
  members: Iterable<{ memberId: string; data: string }>,
  now: Date,
  sourceRows: number | null,
): void {
  db.exec('DELETE FROM recommend_items; DELETE FROM recommend_members;');
  const item = db.prepare(
    'INSERT INTO recommend_items (style_id, popularity, data) VALUES (?, ?, ?)',
  );
  for (const i of items) item.run(i.styleId, i.popularity, i.data);
  // An erased member never comes back, whatever a model says.
  const erased = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM members WHERE member_id = ? AND erased_at IS NOT NULL',
  );
  const member = db.prepare('INSERT INTO recommend_members (member_id, data) VALUES (?, ?)');
  for (const m of members) if (!erased.get(m.memberId)) member.run(m.memberId, m.data);
  db.prepare(
    `INSERT INTO recommend_model (id, version, source, meta, activated_at, source_rows)
     VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version,
       source = excluded.source, meta = excluded.meta, activated_at = excluded.activated_at,
       source_rows = excluded.source_rows`,
  ).run(meta.version, source, JSON.stringify(meta), now.toISOString(), sourceRows);
}

/** Makes a model this kiosk trained the active one, in one transaction. */
export function saveLocalModel(
  db: WritableDB,
  model: TrainedModel,
  sourceRows: number,
  now: Date,
): void {
  db.transaction(() =>
    replaceActive(
      db,
      model.meta,
      'local',
      model.items.map((i) => ({
        styleId: i.styleId,
        popularity: i.popularity,
        data: JSON.stringify(i),
      })),
      model.members.map((m) => ({ memberId: m.memberId, data: JSON.stringify(m) })),
      now,
      sourceRows,
    ),
  );
}

/** Removes a member's picks from the active and the staged model (erasure, consent withdrawn). */
export function forgetMember(db: WritableDB, memberId: string): void {
  db.prepare('DELETE FROM recommend_members WHERE member_id = ?').run(memberId);
  db.prepare('DELETE FROM model_stream_rows WHERE key = ?').run(modelStreamKey.member(memberId));
}

export type StageResult = 'staged' | 'deleted' | 'refused';

/**
 * Stages one row of the cloud's `model` stream (inside the caller's transaction). A row that does
 * not parse is refused (the stream goes on); a member's deletion also leaves the active model now.
 */
export function stageModelRow(db: WritableDB, key: string, data: unknown | null): StageResult {
  if (data === null) {
    db.prepare('DELETE FROM model_stream_rows WHERE key = ?').run(key);
    if (key.startsWith('member:')) forgetMember(db, key.slice('member:'.length));
    return 'deleted';
  }
  const parsed = ModelStreamDataSchema.safeParse(data);
  if (!parsed.success) return 'refused';
  const row = parsed.data;
  const expected =
    row.kind === 'meta'
      ? modelStreamKey.meta
      : row.kind === 'item'
        ? modelStreamKey.item(row.styleId)
        : modelStreamKey.member(row.memberId);
  if (key !== expected) return 'refused';
  if (row.kind === 'member') {
    const erased = db
      .prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM members WHERE member_id = ? AND erased_at IS NOT NULL',
      )
      .get(row.memberId);
    if (erased) return 'refused';
  }
  db.prepare(
    `INSERT INTO model_stream_rows (key, data) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET data = excluded.data`,
  ).run(key, JSON.stringify(data));
  return 'staged';
}

export type ActivationResult =
  | { activated: true; version: string; rows: number }
  | {
      activated: false;
      reason: 'no-meta' | 'already-active' | 'incomplete' | 'checksum-mismatch';
    };

/**
 * Activates the staged cloud model when it is complete and intact: `checksum` must be the sync
 * protocol's pageChecksum (sha256 of canonical JSON) over the rows `{key, data}` in key order.
 */
export function activateStagedModel(
  db: WritableDB,
  checksum: (rows: readonly { key: string; data: unknown }[]) => string,
  now: Date,
): ActivationResult {
  return db.transaction((): ActivationResult => {
    const metaRow = db
      .prepare<[string], { data: string }>('SELECT data FROM model_stream_rows WHERE key = ?')
      .get(modelStreamKey.meta);
    const meta = metaRow ? StreamMetaSchema.safeParse(parseJson(metaRow.data)) : null;
    if (!meta?.success) return { activated: false, reason: 'no-meta' };
    const active = activeModel(db);
    if (active?.source === 'cloud' && active.version === meta.data.version)
      return { activated: false, reason: 'already-active' };
    const rows = db
      .prepare<[string], { key: string; data: string }>(
        'SELECT key, data FROM model_stream_rows WHERE key <> ?',
      )
      .all(modelStreamKey.meta)
      // Key order by UTF-16 code units, exactly as the cloud sorts before hashing.
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => ({ key: r.key, data: parseJson(r.data) }));
    if (rows.length !== meta.data.rows) return { activated: false, reason: 'incomplete' };
    if (checksum(rows) !== meta.data.checksum)
      return { activated: false, reason: 'checksum-mismatch' };
    const items: { styleId: string; popularity: number; data: string }[] = [];
    const members: { memberId: string; data: string }[] = [];
    for (const { data } of rows) {
      const parsed = ModelStreamDataSchema.safeParse(data);
      if (!parsed.success) return { activated: false, reason: 'checksum-mismatch' };
      const { kind: _kind, ...value } = parsed.data;
      if (parsed.data.kind === 'item')
        items.push({
          styleId: parsed.data.styleId,
          popularity: parsed.data.popularity,
          data: JSON.stringify(value),
        });
      else if (parsed.data.kind === 'member')
        members.push({ memberId: parsed.data.memberId, data: JSON.stringify(value) });
    }
    const { rows: _rows, checksum: _sum, bytes: _bytes, ...modelMeta } = meta.data;
    replaceActive(db, modelMeta, 'cloud', items, members, now, null);
    return { activated: true, version: meta.data.version, rows: rows.length };
  });
}
