/** Test-only: a signed-in HQ user on a cloud app; every RFM segment. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/db';
import { RFM_SEGMENTS, type HqRole } from '../hq-api';
import { createUser } from '../hq/auth/users';

export interface HqSession {
  call(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
}

export async function hqSession(
  app: FastifyInstance,
  db: Db,
  username: string,
  role: HqRole,
  storeId: string | null = null,
): Promise<HqSession> {
  const made = await createUser(
    db,
    { username, displayName: username, role, storeId, password: 'long-enough-pw' },
    new Date(),
  );
  if (!made.ok) throw new Error(made.error.message);
  const res = await app.inject({
    method: 'POST',
    url: '/hq/api/session',
    payload: { username, password: 'long-enough-pw' },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in ${res.statusCode}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
  const csrf = String(res.json().csrfToken);
  return {
    async call(method, url, payload) {
      const options: InjectOptions = {
        method,
        url: `/hq/api${url}`,
        headers: { cookie, 'x-hq-csrf': csrf },
        ...(payload ? { payload } : {}),
      };
      return app.inject(options);
    },
  };
}

export const ALL_SEGMENTS = [...RFM_SEGMENTS];

export interface DraftOffer {
  kind: 'amount' | 'percent';
  value: number;
  minSpendCents: number;
  titleZh: string;
  titleEn: string;
}

/** A campaign draft for every RFM segment and tier of the given stores, as the console posts it. */
export function campaignDraft(
  name: string,
  stores: string[],
  offer: DraftOffer,
  dates: { startsOn: string; endsOn: string },
  extra: { controlPct?: number } = {},
) {
  return { name, segments: ALL_SEGMENTS, stores, tiers: [], offer, ...dates, ...extra };
}
