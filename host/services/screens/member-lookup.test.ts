import { describe, expect, it } from 'vitest';

import type { CloudClient } from '../../../sync/cloud-client';
import { lookupMemberOnline } from '../../../sync/lookup';
import type { Member } from '../../../sync/protocol';

import type { LookupMemberOnline } from './member-lookup';

import { useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db, key } = demo;

const visitor = (n: number): Member => ({
  memberId: `M9${String(n).padStart(5, '0')}`,
  cardNo: null,
  qrToken: `MBR1.VISITOR${String(n).padStart(12, '0')}`,
  name: '林晓',
  phoneMasked: '139****0001',
  gender: 'F',
  tier: 'gold',
  points: 5200,
  birthday: null,
  homeStore: 'S003',
  consentProfile: true,
  consentMarketing: false,
  consentPhoto: false,
  joinedOn: '2024-03-01',
  erased: false,
});

/** A cloud that knows `members`; answers wait until `release()` when `hold` is set. */
function cloudWith(members: Member[], o: { hold?: boolean; down?: boolean } = {}) {
  let release: () => void = () => undefined;
  const gate = o.hold ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  const asked: unknown[] = [];
  const client = {
    async lookupMember(_token: string, by: { qrToken?: string; cardNo?: string }) {
      asked.push(by);
      await gate;
      if (o.down) return { ok: false, error: { kind: 'offline', message: 'connection refused' } };
      const found = members.find((m) => m.qrToken === by.qrToken || m.cardNo === by.cardNo);
      return { ok: true, value: found ?? null };
    },
  } as unknown as CloudClient;
  const lookup: LookupMemberOnline = async (by) => {
    const r = await lookupMemberOnline({ db, key, client, token: 't' }, by);
    if (!r.ok) return { kind: 'unreachable' };
    return r.value ? { kind: 'found', memberId: r.value.member.memberId } : { kind: 'not-found' };
  };
  return { lookup, asked, release: () => release() };
}

function service(lookup: LookupMemberOnline, connectivity: () => string) {
  return demo.service('mirror', {}, { connectivity, lookupMember: lookup }).s;
}

describe('online member look-up at sign-in', () => {
  it('asks the cloud for a member not cached here, caches the answer and signs them in', async () => {
    const cloud = cloudWith([visitor(1)], { hold: true });
    let connectivity = 'online';
    const s = service(cloud.lookup, () => connectivity);
    const token = visitor(1).qrToken ?? '';
    expect(s.signInMember({ kind: 'qr', token }).notice?.key).toBe('member-looking-up');
    cloud.release();
    await s.memberLookupSettled();
    expect(s.current()).toMatchObject({
      member: { displayName: '林*', tier: 'gold', points: 5200 },
      notice: { key: 'member-signed-in' },
    });
    s.end();
    // cached: signs in again with the network gone, without asking
    connectivity = 'offline';
    expect(s.signInMember({ kind: 'qr', token }).member?.tier).toBe('gold');
    expect(cloud.asked).toHaveLength(1);
    s.close();
  });

  it('does not give the member to a visit that ended while the cloud was answering', async () => {
    const cloud = cloudWith([visitor(2)], { hold: true });
    const s = service(cloud.lookup, () => 'online');
    s.handleScan(new TextEncoder().encode('6970001000016'));
    s.signInMember({ kind: 'qr', token: visitor(2).qrToken ?? '' });
    s.end();
    const next = s.handleScan(new TextEncoder().encode('6970001000016'));
    cloud.release();
    await s.memberLookupSettled();
    expect(s.current().member).toBeNull();
    expect(s.current().sessionId).toBe(next.sessionId);
    s.close();
  });

  it('offline: says calmly the look-up needs the network, without asking', () => {
    const cloud = cloudWith([visitor(3)]);
    const s = service(cloud.lookup, () => 'offline');
    const view = s.signInMember({ kind: 'qr', token: visitor(3).qrToken ?? '' });
    expect(view.notice?.key).toBe('member-lookup-offline');
    expect(view.member).toBeNull();
    expect(cloud.asked).toEqual([]);
    s.close();
  });

  it('tells the shopper when the cloud does not know them either, or cannot be reached after all', async () => {
    const nobody = cloudWith([]);
    const s = service(nobody.lookup, () => 'online');
    s.signInMember({ kind: 'qr', token: 'MBR1.NOBODY0000000000000' });
    await s.memberLookupSettled();
    expect(s.current().notice?.key).toBe('member-not-found');
    s.close();
    const down = cloudWith([visitor(4)], { down: true });
    const t = service(down.lookup, () => 'online');
    t.signInMember({ kind: 'qr', token: visitor(4).qrToken ?? '' });
    await t.memberLookupSettled();
    expect(t.current()).toMatchObject({ member: null, notice: { key: 'member-lookup-offline' } });
    t.close();
  });

  it('asks by the card number read from a magstripe track', async () => {
    const card = { ...visitor(6), qrToken: null, cardNo: '6280009000000061' };
    const cloud = cloudWith([card]);
    const s = service(cloud.lookup, () => 'online');
    s.signInMember({ kind: 'card', number: ';6280009000000061=29121010000?' });
    await s.memberLookupSettled();
    expect(cloud.asked).toEqual([{ cardNo: '6280009000000061' }]);
    expect(s.current().member?.tier).toBe('gold');
    s.close();
  });

  it('keeps the local answer when the kiosk is not enrolled', () => {
    const cloud = cloudWith([visitor(5)]);
    const s = service(cloud.lookup, () => 'not-enrolled');
    expect(s.signInMember({ kind: 'qr', token: visitor(5).qrToken ?? '' }).notice?.key).toBe(
      'member-not-found',
    );
    expect(cloud.asked).toEqual([]);
    s.close();
  });
});
