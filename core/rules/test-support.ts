/** Test-only: loads the demo store's tiers, coupons and history (simple CSVs without quotes). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { couponFromRecord, tierFromRecord } from './records';
import type { Coupon, Tier } from './types';

const DEMO = fileURLToPath(new URL('../../fixtures/demo-store/', import.meta.url));

export function readDemoCsv(name: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(DEMO + name, 'utf8')
    .trim()
    .split(/\r?\n/);
  const keys = (header ?? '').split(',');
  return rows.map((row) => {
    const cells = row.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

export function demoTiers(): Tier[] {
  return readDemoCsv('tiers.csv').map((r) => {
    const t = tierFromRecord(r);
    if (!t.ok) throw new Error(t.error.message);
    return t.value;
  });
}

export function demoCoupons(): Map<string, Coupon> {
  return new Map(
    readDemoCsv('coupons.csv').map((r) => {
      const c = couponFromRecord(r);
      if (!c.ok) throw new Error(c.error.message);
      return [c.value.code, c.value];
    }),
  );
}
