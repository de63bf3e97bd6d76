/**
 * Review of issue 11 item 3: a kiosk reads another store's members' credentials through no stream
 * either. Every stream is pulled whole by an S001 device, plainly and in bulk pages, and every row is
 * searched for the card number and QR token of each demo member whose home store is not S001.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAMS } from '../../sync/protocol';
import { DB_KINDS, enrollDevice, pullAll, startCloud, type Cloud } from './harness';

describe.each(DB_KINDS)('streams of an S001 device on %s', (kind) => {
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = await startCloud(kind);
  });
  afterAll(async () => cloud.close());

  it('carry no credential of a member of another store, plain or bulk', async () => {
    const dev = await enrollDevice(cloud, 'S001');
    const { rows: others } = await cloud.db.query<{ card_no: string; qr_token: string }>(
      "SELECT card_no, qr_token FROM members WHERE home_store IS DISTINCT FROM 'S001' AND NOT erased",
    );
    expect(others.length).toBeGreaterThan(100);
    const secrets = others.flatMap((m) => [m.card_no, m.qr_token]).filter(Boolean);
    const { rows: own } = await cloud.db.query<{ card_no: string }>(
      "SELECT card_no FROM members WHERE home_store = 'S001' AND card_no IS NOT NULL LIMIT 1",
    );
    let text = '';
    for (const stream of STREAMS) {
      const pulled = await pullAll(cloud, dev.token, stream);
      text += JSON.stringify(pulled.rows);
      const bulk = await cloud.app.inject({
        method: 'GET',
        url: `/v1/pull/${stream}/bulk`,
        headers: { authorization: `Bearer ${dev.token}` },
      });
      expect(bulk.statusCode, stream).toBe(200);
      expect(bulk.body.split('\n')[0], stream).not.toContain('"hasMore":true');
      text += bulk.body;
    }
    // control: the device's own members do come with their credentials
    expect(text).toContain(own[0]?.card_no ?? '-');
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
  });
});
