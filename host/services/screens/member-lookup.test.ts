import { describe, expect, it } from 'vitest';
import { hasPresence } from '../../../core/members';
import { readOnly } from '../../../core/store/db';
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
  qrToken: `MBR1.VSTR${String(n).padStart(16, '0')}`,
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

const TICKET = `pt1.${'A'.repeat(24)}.${'B'.repeat(43)}`;

/** A cloud that knows `members` (answering with a presence ticket); answers wait until `release()` when `hold` is set. */
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
      if (!found) return { ok: true, value: null };
      const { cardNo: _card, qrToken: _qr, ...member } = found;
      const expiresAt = new Date(Date.now() + 12 * 3600_000).toISOString();
      return { ok: true, value: { member, presence: { ticket: TICKET, expiresAt } } };
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
    s.signInMember({ kind: 'qr', token: 'MBR1.NXBDY000000000000000' });
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

  it('looks up a cached member of another store without a valid presence ticket, then keeps the ticket', async () => {
    // M000003 (home S003) is in the demo cache with no ticket: this S001 kiosk asks the cloud first.
    const m3 = { ...visitor(7), memberId: 'M000003', qrToken: 'MBR1.4N433GGMT6TCPAR4CTQP' };
    const cloud = cloudWith([m3]);
    let connectivity = 'offline';
    const s = service(cloud.lookup, () => connectivity);
    expect(s.signInMember({ kind: 'qr', token: m3.qrToken }).notice?.key).toBe(
      'member-lookup-offline',
    );
    expect(s.current().member).toBeNull();
    connectivity = 'online';
    expect(s.signInMember({ kind: 'qr', token: m3.qrToken }).notice?.key).toBe('member-looking-up');
    await s.memberLookupSettled();
    expect(s.current().notice?.key).toBe('member-signed-in');
    expect(hasPresence(readOnly(db), 'M000003', new Date())).toBe(true);
    s.end();
    // later that day, offline: the ticket is still valid, so the cache signs them in
    connectivity = 'offline';
    expect(s.signInMember({ kind: 'qr', token: m3.qrToken }).member).not.toBeNull();
    expect(cloud.asked).toHaveLength(1);
    // a member of this store never needs one
    s.end();
    expect(
      s.signInMember({ kind: 'qr', token: 'MBR1.FAWSLKMBCD2UY7HC88H4' }).member,
    ).not.toBeNull();
    expect(cloud.asked).toHaveLength(1);
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
