/** Staging and activating the cloud's model stream on a kiosk, and forgetting a member. */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../../test/support/db';
import { modelStreamKey, type TrainedModel } from '../recommend';
import { readOnly } from '../store/db';
import { forYou } from './for-you';
import { trainLocalModel } from './local-model';
import {
  activateStagedModel,
  activeModel,
  forgetMember,
  memberModel,
  stageModelRow,
} from './model-tables';
import { seedSmallStore } from './test-fixture';

let db: TestDb;

beforeEach(() => {
  db = openTestDb();
  seedSmallStore(db);
});
afterEach(() => db.close());

/** Any stable hash of the rows works here; the sync layer passes the protocol's pageChecksum. */
const checksum = (rows: readonly { key: string; data: unknown }[]) =>
  createHash('sha256').update(JSON.stringify(rows)).digest('hex');
const now = new Date('2026-10-02T00:00:00Z');

/** A model as the cloud would send it to one store: rows plus the meta row naming them. */
function streamRows(model: TrainedModel, version: string) {
  const rows = [
    ...model.items.map((i) => ({
      key: modelStreamKey.item(i.styleId),
      data: { kind: 'item', ...i },
    })),
    ...model.members.map((m) => ({
      key: modelStreamKey.member(m.memberId),
      data: { kind: 'member', ...m },
    })),
  ].sort((a, b) => (a.key < b.key ? -1 : 1));
  const meta = {
    kind: 'meta',
    ...model.meta,
    version,
    rows: rows.length,
    checksum: checksum(rows),
    bytes: JSON.stringify(rows).length,
  };
  return { rows, meta };
}

function cloudModel(): TrainedModel {
  trainLocalModel(db, now);
  const picks = memberModel(readOnly(db), 'M1');
  if (!picks) throw new Error('no picks for M1');
  const items = db.raw.prepare('SELECT data FROM recommend_items').all() as { data: string }[];
  return {
    meta: {
      version: 'local',
      trainedAt: now.toISOString(),
      dataUntil: now.toISOString(),
      weights: { userKnn: 1, itemKnn: 0.5, persona: 0.25, own: 0.25, popularity: 0.1 },
      validation: null,
      events: 10,
    },
    items: items.map((i) => JSON.parse(i.data)),
    members: [{ ...picks, picks: [{ styleId: 'BOT1', score: 1, why: { code: 'popular' } }] }],
  };
}

describe('the cloud model on a kiosk', () => {
  it('uses a staged version only when every row is there and the checksum holds', () => {
    const { rows, meta } = streamRows(cloudModel(), 'm-cloud-1');
    db.transaction(() => {
      expect(stageModelRow(db, 'meta', meta)).toBe('staged');
      for (const row of rows.slice(1)) stageModelRow(db, row.key, row.data);
    });
    expect(activateStagedModel(db, checksum, now)).toEqual({
      activated: false,
      reason: 'incomplete',
    });
    expect(activeModel(db)?.source).toBe('local');
    const first = rows[0];
    if (!first) throw new Error('no rows');
    // A damaged row (here: a changed score) is staged but fails the checksum.
    const damaged = { ...first.data, popularity: 0.123 };
    stageModelRow(db, first.key, damaged);
    expect(activateStagedModel(db, checksum, now)).toEqual({
      activated: false,
      reason: 'checksum-mismatch',
    });
    stageModelRow(db, first.key, first.data);
    expect(activateStagedModel(db, checksum, now)).toMatchObject({
      activated: true,
      version: 'm-cloud-1',
    });
    expect(activeModel(db)).toMatchObject({ source: 'cloud', version: 'm-cloud-1' });
    expect(memberModel(db, 'M1')?.picks[0]?.styleId).toBe('BOT1');
    expect(activateStagedModel(db, checksum, now)).toEqual({
      activated: false,
      reason: 'already-active',
    });
  });

  it('refuses rows that do not parse or sit under another key, and never stages an erased member', () => {
    expect(stageModelRow(db, 'item:X', { kind: 'item', styleId: 'X' })).toBe('refused');
    expect(
      stageModelRow(db, 'item:Y', {
        kind: 'item',
        styleId: 'X',
        popularity: 0.5,
        neighbours: [],
        look: [],
        fit: null,
      }),
    ).toBe('refused');
    expect(
      stageModelRow(db, 'member:M3', { kind: 'member', memberId: 'M3', picks: [], sizes: {} }),
    ).toBe('refused');
    expect(activateStagedModel(db, checksum, now)).toEqual({ activated: false, reason: 'no-meta' });
  });

  it('drops a member’s picks from the active and the staged model at once', () => {
    const { rows, meta } = streamRows(cloudModel(), 'm-cloud-2');
    stageModelRow(db, 'meta', meta);
    for (const row of rows) stageModelRow(db, row.key, row.data);
    activateStagedModel(db, checksum, now);
    expect(forYou(readOnly(db), { memberId: 'M1', storeId: 'S001' }).ok).toBe(true);
    expect(stageModelRow(db, 'member:M1', null)).toBe('deleted');
    expect(memberModel(db, 'M1')).toBeNull();
    expect(
      db.raw.prepare("SELECT count(*) AS n FROM model_stream_rows WHERE key = 'member:M1'").get(),
    ).toEqual({ n: 0 });
    trainLocalModel(db, now);
    forgetMember(db, 'M1');
    expect(memberModel(db, 'M1')).toBeNull();
  });
});
