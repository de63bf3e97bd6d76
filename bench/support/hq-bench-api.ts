/**
 * Every HQ API call over real HTTP against a cloud that holds the generated brand: each view's
 * route and each drill-down row kind, as an analyst (all 500 stores) and as a store manager (one
 * store), for the default 28 days and for a whole year. One warm-up call, then `samples` timed
 * calls each; the answer must be 200 or the bench fails (a fast error is not a result).
 */
import { ROW_KINDS, ViewRoutes, addDays } from '../../cloud/hq-api';
import { median, percentile, round } from './stats';

export interface ApiTiming {
  role: string;
  call: string;
  range: string;
  medianMs: number;
  p95Ms: number;
}

export async function signIn(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/hq/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return cookie;
}

async function timeCall(url: string, cookie: string, samples: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 300)}`);
    if (i > 0) times.push(ms);
  }
  return times;
}

export async function measureApi(opts: {
  baseUrl: string;
  lastDay: string;
  sessions: { role: string; cookie: string }[];
  samples: number;
}): Promise<ApiTiming[]> {
  const ranges = [
    { name: '28d', from: addDays(opts.lastDay, -27), to: opts.lastDay },
    { name: '365d', from: addDays(opts.lastDay, -364), to: opts.lastDay },
  ];
  const out: ApiTiming[] = [];
  const api = `${opts.baseUrl}/hq/api`;
  for (const { role, cookie } of opts.sessions) {
    const record = async (call: string, range: string, url: string) => {
      const times = await timeCall(url, cookie, opts.samples);
      out.push({
        role,
        call,
        range,
        medianMs: round(median(times), 1),
        p95Ms: round(percentile(times, 95), 1),
      });
    };
    for (const range of ranges) {
      const q = `from=${range.from}&to=${range.to}`;
      for (const route of Object.values(ViewRoutes))
        await record(route.path, range.name, `${api}${route.path}?${q}`);
      for (const kind of ROW_KINDS)
        await record(`/rows/${kind}`, range.name, `${api}/rows/${kind}?${q}&limit=50`);
    }
    const q28 = `from=${ranges[0]?.from}&to=${opts.lastDay}`;
    await record('/rows/garments/csv', '28d', `${api}/rows/garments/csv?${q28}`);
    await record('/rows/sales/csv', '28d', `${api}/rows/sales/csv?${q28}`);
  }
  return out;
}
