import { describe, expect, it } from 'vitest';

import { useDemoScreens } from './screen-test-support';

const demo = useDemoScreens();
const { db } = demo;

function service(role: 'mirror' | 'staff', connectivity: string, nudges: string[]) {
  return demo.service(
    role,
    { place: 'Fitting room 4' },
    { connectivity: () => connectivity, nudgeSync: () => nudges.push(role) },
  ).s;
}

describe('size requests and the network', () => {
  it('online: pushes at once and says nothing more than the request itself', () => {
    const nudges: string[] = [];
    const mirror = service('mirror', 'online', nudges);
    mirror.handleScan(new TextEncoder().encode('6970001000016'));
    const view = mirror.requestSize('DRE001-WHT-S');
    expect(view.requests[0]).toMatchObject({
      place: 'Fitting room 4',
      size: 'S',
      status: 'waiting',
    });
    expect(view.notice).toBeNull();
    expect(nudges).toEqual(['mirror']);
    mirror.close();
  });

  it('offline: this kiosk’s staff view has it, and the shopper hears calmly the others will later', () => {
    const nudges: string[] = [];
    const mirror = service('mirror', 'offline', nudges);
    mirror.handleScan(new TextEncoder().encode('6970001000016'));
    const view = mirror.requestSize('DRE001-WHT-M');
    expect(view.notice?.key).toBe('request-sent-offline');
    const requestId = view.requests[0]?.requestId;
    const staff = service('staff', 'offline', nudges);
    expect(staff.current().requests.map((r) => r.requestId)).toContain(requestId);
    const pending = db.raw
      .prepare(
        "SELECT count(*) AS n FROM outbox WHERE mutation = 'staffRequest' AND state = 'pending' AND idempotency_key = ?",
      )
      .get(`staffRequest:${requestId}`);
    expect(pending).toEqual({ n: 1 });
    mirror.close();
    staff.close();
  });
});
