/**
 * One model, cloud → kiosks: the member cloud (PGlite on a real port) trains brand-wide on the demo
 * history and ships the `model` stream; two kiosk hosts of store S001 (each its own data dir,
 * database and enrollment, each with a model it trained itself at start) replace theirs with the
 * cloud's once synced. A member erased at one kiosk leaves that kiosk's copy at once, the other
 * kiosk's copy on its next sync, and the next model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseMember } from '../../core/members/erase';
import { activeModel, forYou, memberModel } from '../../core/recommend-store';
import { readOnly } from '../../core/store/db';
import type { KioskHost } from '../../host/app';
import { loadDemoHistory } from '../../cloud/recommend/demo-history';
import { trainAndPublish } from '../../cloud/recommend/train';
import { startRealCloud, type RunningCloud } from '../faults/support/cloud';
import { staffSyncNow, startEnrolledHost } from '../support/enrolled-host';
import { demoStore, tempDir } from '../support/temp';
import { until } from '../support/until';

const dirs: Array<ReturnType<typeof tempDir>> = [];
let cloud: RunningCloud;
let a: KioskHost;
let b: KioskHost;
let version = '';

const startEnrolled = (name: string) =>
  startEnrolledHost({
    name,
    config: { storeId: 'S001', role: 'mirror' },
    url: cloud.url,
    code: () => cloud.code(),
    dirs,
    // standalone until enrolled: it trained a model on its own history at start
    standalone: (host) => expect(activeModel(host.db)?.source).toBe('local'),
  });

const consentingOfS001 = () =>
  cloud.query<{ id: string }>(
    `SELECT member_id AS id FROM members WHERE home_store = 'S001' AND consent_profile AND NOT erased
     ORDER BY member_id`,
  );

beforeAll(async () => {
  cloud = await startRealCloud('pglite');
  await loadDemoHistory(cloud.cloud.db, demoStore);
  const trained = await trainAndPublish(cloud.cloud.db, new Date());
  if (!trained.ok) throw new Error(trained.error.message);
  version = trained.value.version;
  a = await startEnrolled('kiosk-a');
  b = await startEnrolled('kiosk-b');
}, 180_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await cloud?.close();
  for (const dir of dirs) dir.remove();
});

describe('the cloud’s model on the kiosks', () => {
  it('replaces the model each kiosk trained itself, with its store’s members only', async () => {
    for (const host of [a, b])
      await until(() => activeModel(host.db)?.version === version, 'the cloud model', 60_000);
    expect(activeModel(a.db)).toMatchObject({ source: 'cloud', version });
    const members = (
      a.db.raw.prepare('SELECT member_id AS id FROM recommend_members ORDER BY 1').all() as {
        id: string;
      }[]
    ).map((m) => m.id);
    expect(members).toEqual((await consentingOfS001()).map((m) => m.id));
    const first = members[0] ?? '';
    const picks = forYou(readOnly(a.db), { memberId: first, storeId: 'S001', limit: 5 });
    expect(picks.ok && picks.value.items).toHaveLength(5);
  });

  it('drops an erased member here at once, at the other kiosk on its next sync, and from the next model', async () => {
    const memberId = (await consentingOfS001())[0]?.id ?? '';
    expect(memberModel(b.db, memberId)).not.toBeNull();
    const erased = eraseMember(a.db, memberId, new Date(), {
      hlc: '000001764000000000-0000-a',
      actor: 'test',
    });
    expect(erased.ok).toBe(true);
    expect(memberModel(a.db, memberId)).toBeNull();
    // Kiosk A's push reaches the cloud; kiosk B's next pull brings the tombstone.
    const erasedInCloud = async () =>
      (
        await cloud.query<{ erased: boolean }>('SELECT erased FROM members WHERE member_id = $1', [
          memberId,
        ])
      )[0]?.erased === true;
    for (let i = 0; i < 100 && !(await erasedInCloud()); i++) {
      await staffSyncNow(a);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await erasedInCloud()).toBe(true);
    await staffSyncNow(b);
    await until(() => memberModel(b.db, memberId) === null, 'the tombstone at kiosk B', 30_000);
    const next = await trainAndPublish(cloud.cloud.db, new Date());
    if (!next.ok) throw new Error(next.error.message);
    await staffSyncNow(b);
    await until(() => activeModel(b.db)?.version === next.value.version, 'the next model', 30_000);
    expect(memberModel(b.db, memberId)).toBeNull();
    const mentions = b.db.raw
      .prepare("SELECT count(*) AS n FROM model_stream_rows WHERE data LIKE '%' || ? || '%'")
      .get(memberId) as { n: number };
    expect(mentions.n).toBe(0);
  });
});
