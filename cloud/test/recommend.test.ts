/**
 * Brand-wide training and the `model` stream: trained on every store's and channel's history and
 * pushes, served per store with a meta row whose checksum proves the copy whole, re-sent only
 * where it changed, and an erased member gone from the stream at once and from the next model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamMetaSchema } from '../../core/recommend';
import { pageChecksum, type EnrollResponse, type StreamRow } from '../../sync/protocol';
import { loadDemoHistory } from '../recommend/demo-history';
import { trainAndPublish } from '../recommend/train';
import {
  DB_KINDS,
  DEMO_DIR,
  enrollDevice,
  env,
  pullAll,
  push,
  startCloud,
  type Cloud,
} from './harness';

/** What a kiosk checks before it uses a model: every row there, hashing to the meta's checksum. */
function verify(rows: readonly StreamRow[]) {
  const live = rows.filter((r) => r.op === 'upsert');
  const meta = StreamMetaSchema.parse(live.find((r) => r.key === 'meta')?.data);
  const body = live
    .filter((r) => r.key !== 'meta')
    .map((r) => ({ key: r.key, data: r.data }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return { meta, body, intact: body.length === meta.rows && pageChecksum(body) === meta.checksum };
}

describe.each(DB_KINDS)('recommendation model on %s', (kind) => {
  let cloud: Cloud;
  let s001: EnrollResponse;
  let s002: EnrollResponse;
  beforeAll(async () => {
    cloud = await startCloud(kind);
    expect(await loadDemoHistory(cloud.db, DEMO_DIR)).toMatchObject({ transactions: 8161 });
    s001 = await enrollDevice(cloud, 'S001');
    s002 = await enrollDevice(cloud, 'S002');
  }, 60_000);
  afterAll(async () => cloud.close());

  it('trains on every store and channel and serves each store its members only, checksummed', async () => {
    const trained = await trainAndPublish(cloud.db, new Date('2026-10-01T03:00:00Z'));
    if (!trained.ok) throw new Error(trained.error.message);
    expect(trained.value.events).toBeGreaterThan(35_000);
    expect(trained.value.meta.validation?.members).toBeGreaterThan(100);
    const { rows } = await pullAll(cloud, s001.token, 'model');
    const { meta, body, intact } = verify(rows);
    expect(intact).toBe(true);
    expect(meta.version).toBe(trained.value.version);
    const members = body.filter((r) => r.key.startsWith('member:')).map((r) => r.key.slice(7));
    const { rows: home } = await cloud.db.query<{ id: string }>(
      `SELECT member_id AS id FROM members WHERE home_store = 'S001' AND consent_profile AND NOT erased
       ORDER BY member_id`,
    );
    expect(members.sort()).toEqual(home.map((h) => h.id));
    expect(body.filter((r) => r.key.startsWith('item:')).length).toBe(130);
    const copy = trained.value.stores.find((s) => s.storeId === 'S001');
    expect(copy).toMatchObject({ rows: meta.rows, bytes: meta.bytes, checksum: meta.checksum });
    // Another store's kiosk gets the same items and its own members.
    const other = verify((await pullAll(cloud, s002.token, 'model')).rows);
    expect(other.intact).toBe(true);
    expect(other.body.some((r) => members.includes(r.key.slice(7)))).toBe(false);
  });

  it('re-sends only what changed when the model is trained again', async () => {
    const first = await pullAll(cloud, s001.token, 'model');
    const again = await trainAndPublish(cloud.db, new Date('2026-10-02T03:00:00Z'));
    if (!again.ok) throw new Error(again.error.message);
    const delta = await pullAll(cloud, s001.token, 'model', first.cursor);
    // The same data trains the same model: only the meta row (a new version) moves.
    expect(delta.rows.map((r) => r.key)).toEqual(['meta']);
    const busy = await trainAndPublish(cloud.db, new Date('2026-10-02T02:00:00Z'));
    expect(busy).toMatchObject({ ok: false, error: { code: 'busy' } });
  });

  it('drops an erased member from every copy at once, and from the next model', async () => {
    const before = await pullAll(cloud, s001.token, 'model');
    const member = verify(before.rows).body.find((r) => r.key.startsWith('member:'));
    const memberId = member?.key.slice(7) ?? '';
    const res = await push(cloud, s001, 'e1', [
      env(1, 'requestErasure', { requestId: 'ER-RECO', memberId }),
    ]);
    expect(res.json().results[0].status).toBe('applied');
    const delta = await pullAll(cloud, s001.token, 'model', before.cursor);
    expect(delta.rows).toContainEqual({ key: `member:${memberId}`, op: 'delete', data: null });
    // The meta row follows, so the kiosk's copy without the member still proves whole.
    const whole = verify((await pullAll(cloud, s001.token, 'model')).rows);
    expect(whole.intact).toBe(true);
    expect(whole.body.some((r) => r.key === `member:${memberId}`)).toBe(false);
    const { rows: history } = await cloud.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM history_tryons WHERE member_id = $1',
      [memberId],
    );
    expect(history[0]?.n).toBe(0);
    const next = await trainAndPublish(cloud.db, new Date('2026-10-03T03:00:00Z'));
    if (!next.ok) throw new Error(next.error.message);
    const { rows } = await cloud.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM model_rows WHERE key = $1 OR data::text LIKE '%' || $2 || '%'`,
      [`member:${memberId}`, memberId],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
