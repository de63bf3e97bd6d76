/**
 * The `model` stream on a kiosk: a version is used only once its last page is in and its rows hash
 * to the meta's checksum (the protocol's pageChecksum); until then the model in use stays; a
 * member's tombstone leaves the model at once; a snapshot drops rows the cloud no longer has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeModel, memberModel } from '../core/recommend-store';
import { pageChecksum, type StreamRow } from './protocol';
import { pullStream } from './pull';
import { page, scriptedCloud, testKiosk } from './test-support';

let k: ReturnType<typeof testKiosk>;
beforeEach(() => {
  k = testKiosk();
  k.db.exec(`INSERT INTO tiers VALUES ('regular','普通','Regular',0,1,0);
    INSERT INTO members (member_id, tier, consent_profile) VALUES ('M1', 'regular', 1), ('M2', 'regular', 1);`);
});
afterEach(() => k.remove());

const item = (styleId: string, popularity: number): StreamRow => ({
  key: `item:${styleId}`,
  op: 'upsert',
  data: { kind: 'item', styleId, popularity, neighbours: [['B', 0.5]], look: [], fit: null },
});
const member = (memberId: string, styleId: string): StreamRow => ({
  key: `member:${memberId}`,
  op: 'upsert',
  data: {
    kind: 'member',
    memberId,
    picks: [{ styleId, score: 1, why: { code: 'taste', boughtBy: 2 } }],
    sizes: { knit: 'M' },
  },
});
function meta(version: string, rows: StreamRow[], tamper = false): StreamRow {
  const body = rows
    .filter((r) => r.op === 'upsert')
    .map((r) => ({ key: r.key, data: r.data }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    key: 'meta',
    op: 'upsert',
    data: {
      kind: 'meta',
      version,
      trainedAt: '2026-10-01T03:00:00.000Z',
      dataUntil: '2026-10-01T00:00:00.000Z',
      weights: { userKnn: 1, itemKnn: 0.5, persona: 0, own: 0, popularity: 0.2 },
      validation: null,
      events: 100,
      rows: body.length,
      checksum: tamper ? 'a'.repeat(64) : pageChecksum(body),
      bytes: 500,
    },
  };
}
/**
 * Serves `pages` in order, one per pull: the first from wherever the kiosk's cursor is (a later
 * training continues the same cursor run), then on from this cloud's own cursors.
 */
let clouds = 0;
function cloudOf(pages: StreamRow[][]) {
  const name = `c${++clouds}-`;
  return scriptedCloud({
    pull: (stream, cursor) => {
      const at = cursor?.startsWith(name) ? Number(cursor.slice(name.length)) : 0;
      return {
        ok: true,
        value: page(stream, pages[at] ?? [], {
          cursor: `${name}${at + 1}`,
          hasMore: at + 1 < pages.length,
          snapshot: cursor === null,
        }),
      };
    },
  });
}
const stagedVersion = () =>
  (
    k.db
      .prepare("SELECT data ->> '$.version' AS v FROM model_stream_rows WHERE key = 'meta'")
      .get() as { v: string } | undefined
  )?.v;
const deps = (client: ReturnType<typeof scriptedCloud>) => ({
  db: k.db,
  key: k.key,
  client,
  token: 't',
  now: () => new Date('2026-10-01T04:00:00Z'),
  limit: 2,
});

describe('the model stream on a kiosk', () => {
  it('uses the model once its last page is in and the checksum holds', async () => {
    const rows = [item('A', 1), item('B', 0.4), member('M1', 'B')];
    const pages = [[meta('v1', rows), rows[0] ?? item('A', 1)], rows.slice(1)];
    expect((await pullStream(deps(cloudOf(pages)), 'model')).ok).toBe(true);
    expect(activeModel(k.db)).toMatchObject({ source: 'cloud', version: 'v1' });
    expect(memberModel(k.db, 'M1')?.sizes).toEqual({ knit: 'M' });
  });

  it('keeps the model in use when a version arrives incomplete or damaged', async () => {
    const rows = [item('A', 1), member('M1', 'A')];
    await pullStream(deps(cloudOf([[meta('v1', rows), ...rows]])), 'model');
    const next = [item('A', 0.9), member('M1', 'A'), member('M2', 'A')];
    // v2's meta names three rows, but one never arrives.
    await pullStream(deps(cloudOf([[meta('v2', next), next[0] ?? item('A', 1)]])), 'model');
    expect(stagedVersion()).toBe('v2');
    expect(activeModel(k.db)?.version).toBe('v1');
    // A damaged checksum: staged, never used.
    await pullStream(deps(cloudOf([[meta('v3', next, true), ...next]])), 'model');
    expect(stagedVersion()).toBe('v3');
    expect(activeModel(k.db)?.version).toBe('v1');
    expect(memberModel(k.db, 'M2')).toBeNull();
  });

  it('drops a member’s picks on their tombstone, even mid-version', async () => {
    const rows = [item('A', 1), member('M1', 'A'), member('M2', 'A')];
    await pullStream(deps(cloudOf([[meta('v1', rows), ...rows]])), 'model');
    expect(memberModel(k.db, 'M2')).not.toBeNull();
    const after = [item('A', 1), member('M1', 'A')];
    const gone: StreamRow = { key: 'member:M2', op: 'delete', data: null };
    // A later pull continues the same cursor run: the tombstone and the refreshed meta.
    await pullStream(deps(cloudOf([[gone, meta('v1b', after)]])), 'model');
    expect(memberModel(k.db, 'M2')).toBeNull();
    expect(activeModel(k.db)?.version).toBe('v1b');
  });

  it('refuses a row that does not parse without stopping the stream', async () => {
    const rows = [item('A', 1), member('M1', 'A')];
    const bad: StreamRow = { key: 'item:Z', op: 'upsert', data: { kind: 'item', styleId: 'Z' } };
    const r = await pullStream(deps(cloudOf([[bad, meta('v1', rows), ...rows]])), 'model');
    expect(r).toMatchObject({ ok: true, value: { skipped: 1 } });
    expect(activeModel(k.db)?.version).toBe('v1');
  });
});
