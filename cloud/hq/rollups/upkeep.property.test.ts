/**
 * The rollups the upkeep triggers maintain as mutations arrive equal the set-based recompute
 * from the events, whatever the stream: try-ons out of time order, sales in three channels within
 * and beyond the 7-day window, duplicates (the same key again, the same business id under a new
 * key), rejections (invalid arguments, an order without stock, consent for an erased member) and
 * erasures. An erased member's id is nowhere in the analytics afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse, MutationEnvelope } from '../../../sync/protocol';
import { enrollDevice, env, push, startCloud, type Cloud } from '../../test/harness';
import { rollupSnapshot } from '../../test/rollup-snapshot';
import { recomputeRollups, ROLLUP_TABLES } from './recompute';
import { foldAll } from './fold';

const SKUS = [
  'DRE001-WHT-XS',
  'DRE001-WHT-S',
  'DRE001-BLK-M',
  'KNI002-BEI-XL',
  'COA002-BEI-L',
  'NOPE-SKU',
];
const BASE_MS = Date.parse('2026-11-10T15:30:00Z'); // 23:30 in Shanghai: events straddle midnight
const REASONS = [null, 'too-small', 'too-big', 'colour', 'style', 'price'] as const;
const OUTCOMES = ['tried', 'liked', 'rejected', 'size-swap', 'bought'] as const;

const at = (minutes: number) => new Date(BASE_MS + minutes * 60_000).toISOString();
// Mostly around midnight (days move) and around whole days (the 7-day window's edges).
const minutes = fc.oneof(
  fc.integer({ min: 0, max: 90 }),
  fc.constantFrom(1, 6, 7, 8).chain((d) => fc.integer({ min: d * 1440 - 2, max: d * 1440 + 2 })),
  fc.integer({ min: 0, max: 12 * 24 * 60 }),
);
const member = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null, freq: 4 });

type Op =
  | {
      kind: 'tryon';
      session: number;
      sku: number;
      member: number | null;
      outcome: number;
      reason: number;
      at: number;
      invalid: boolean;
    }
  | {
      kind: 'sale';
      member: number | null;
      lines: [number, number][];
      at: number;
      channel: 'store' | 'online' | 'miniapp';
    }
  | { kind: 'erase'; member: number }
  | { kind: 'consent'; member: number; granted: boolean }
  | { kind: 'nps'; score: number }
  | { kind: 'size'; sku: number; done: boolean; at: number }
  | { kind: 'order'; sku: number; qty: number }
  | { kind: 'again'; back: number; newKey: boolean };

/** One kind of op, drawn `weight` times as often as a kind of weight 1. */
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

const op: fc.Arbitrary<Op> = fc.oneof(
  weighted(
    5,
    fc.record({
      kind: fc.constant('tryon' as const),
      session: fc.integer({ min: 0, max: 4 }),
      sku: fc.integer({ min: 0, max: SKUS.length - 1 }),
      member,
      outcome: fc.integer({ min: 0, max: OUTCOMES.length - 1 }),
      reason: fc.integer({ min: 0, max: REASONS.length - 1 }),
      at: minutes,
      invalid: fc.boolean().map((b) => b && Math.random() < 0.2),
    }),
  ),
  weighted(
    3,
    fc.record({
      kind: fc.constant('sale' as const),
      member,
      lines: fc.array(
        fc.tuple(fc.integer({ min: 0, max: SKUS.length - 2 }), fc.integer({ min: 1, max: 3 })),
        { minLength: 1, maxLength: 3 },
      ),
      at: minutes,
      channel: fc.constantFrom('store' as const, 'online' as const, 'miniapp' as const),
    }),
  ),
  weighted(1, fc.record({ kind: fc.constant('erase' as const), member: fc.nat(2) })),
  weighted(
    1,
    fc.record({ kind: fc.constant('consent' as const), member: fc.nat(2), granted: fc.boolean() }),
  ),
  weighted(1, fc.record({ kind: fc.constant('nps' as const), score: fc.nat(10) })),
  weighted(
    1,
    fc.record({
      kind: fc.constant('size' as const),
      sku: fc.nat(4),
      done: fc.boolean(),
      at: minutes,
    }),
  ),
  weighted(
    1,
    fc.record({
      kind: fc.constant('order' as const),
      sku: fc.nat(4),
      qty: fc.integer({ min: 1, max: 40 }),
    }),
  ),
  weighted(
    2,
    fc.record({ kind: fc.constant('again' as const), back: fc.nat(20), newKey: fc.boolean() }),
  ),
);

describe('HQ rollup upkeep', () => {
  let cloud: Cloud;
  let run = 0;
  beforeAll(async () => {
    cloud = await startCloud('pglite');
  });
  afterAll(async () => cloud.close());

  it('equals the recompute from events over random mutation streams', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        run++;
        const db = cloud.db;
        await db.exec(
          'TRUNCATE tryons, sales, nps, staff_requests, hq_size_requests, hq_sale_lines',
        );
        const members = [0, 1, 2].map((i) => `R${run}-M${i}`);
        for (const [i, id] of members.entries())
          await db.query(
            `INSERT INTO members (member_id, tier, points, home_store, consent_profile, consent_marketing, joined_on)
             VALUES ($1, $2, 0, $3, true, $4, $5)`,
            [
              id,
              i === 0 ? 'gold' : 'regular',
              i === 2 ? 'S002' : 'S001',
              i === 1,
              `2026-0${i + 1}-1${i}`,
            ],
          );
        await db.transaction((tx) => recomputeRollups(tx, { facts: 'keep' }));
        type Device = {
          dev: EnrollResponse;
          seq: number;
          sent: MutationEnvelope[];
          queued: MutationEnvelope[];
        };
        const devices: Device[] = [];
        for (const store of ['S001', 'S001', 'S002'])
          devices.push({ dev: await enrollDevice(cloud, store), seq: 0, sent: [], queued: [] });
        // Every other run pushes in batches of up to 7 (try-ons inserted together, counters folded
        // per transaction, push-batch.ts); the others one mutation per push.
        const batchOf = run % 2 === 1 ? 7 : 1;
        const pushQueued = async (device: Device) => {
          const mutations = device.queued.splice(0);
          if (mutations.length === 0) return;
          const res = await push(cloud, device.dev, 'e1', mutations);
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().results).toHaveLength(mutations.length);
        };
        const queue = async (device: Device, envelope: MutationEnvelope) => {
          device.sent.push(envelope);
          device.queued.push(envelope);
          if (device.queued.length >= batchOf) await pushQueued(device);
        };
        const send = async (d: number, name: string, args: unknown, version = 1) => {
          const device = devices[d] ?? devices[0];
          if (!device) return;
          await queue(device, env(++device.seq, name, args, { version }));
        };
        for (const [i, o] of ops.entries()) {
          switch (o.kind) {
            case 'tryon': {
              const reason = REASONS[o.reason] ?? null;
              await send(
                o.session % 3,
                'logTryOn',
                {
                  tryOnId: `r${run}-t${i}`,
                  sessionId: `r${run}-s${o.session}`,
                  sku: SKUS[o.sku],
                  // a visit has one shopper: each event is signed in (the session's member) or not
                  memberId: o.member === null ? null : members[o.session % members.length],
                  outcome: OUTCOMES[o.outcome],
                  reason: o.invalid ? 'ugly' : reason,
                  at: at(o.at),
                },
                2,
              );
              break;
            }
            case 'sale': {
              const args = {
                saleId: `r${run}-x${i}`,
                memberId: o.member === null ? null : members[o.member],
                lines: o.lines.map(([sku, qty]) => ({
                  sku: SKUS[sku],
                  qty,
                  unitPriceCents: 10000,
                  discountCents: qty * 100,
                })),
                totalCents: 0,
                payments: [],
                soldAt: at(o.at),
              };
              if (o.channel === 'store') await send(1, 'recordSale', args);
              else
                await db.query(
                  `INSERT INTO sales (sale_id, device_id, store_id, member_id, total_cents, body, sold_at, channel)
                   VALUES ($1, 'online', 'ONLINE', $2, 0, $3::jsonb, $4, $5)`,
                  [
                    args.saleId,
                    args.memberId ?? null,
                    JSON.stringify(args),
                    args.soldAt,
                    o.channel,
                  ],
                );
              break;
            }
            case 'erase':
              await send(0, 'requestErasure', {
                requestId: `r${run}-e${i}`,
                memberId: members[o.member],
              });
              break;
            case 'consent':
              await send(1, 'recordConsent', {
                consentId: `r${run}-c${i}`,
                memberId: members[o.member],
                kind: 'marketing',
                granted: o.granted,
              });
              break;
            case 'nps':
              await send(2, 'recordNps', {
                npsId: `r${run}-n${i}`,
                score: o.score,
                comment: null,
                memberId: null,
              });
              break;
            case 'size': {
              const requestId = `r${run}-q${i}`;
              await send(
                0,
                'staffRequest',
                {
                  requestId,
                  kind: 'size',
                  place: 'room 1',
                  sku: SKUS[o.sku],
                  size: 'S',
                  nameZh: null,
                  nameEn: null,
                  createdAt: at(o.at),
                },
                2,
              );
              if (o.done)
                await send(1, 'updateStaffRequest', {
                  requestId,
                  status: 'done',
                  staffId: 'E1001',
                });
              break;
            }
            case 'order':
              await send(1, 'placeOrder', {
                orderId: `r${run}-o${i}`,
                kind: 'reserve-in-store',
                fromLocation: 'S002',
                lines: [
                  { sku: SKUS[o.sku], qty: 1 },
                  { sku: SKUS[(o.sku + 1) % 5], qty: o.qty },
                ],
                memberId: null,
                contact: null,
              });
              break;
            case 'again': {
              const device = devices[o.back % 3];
              const previous = device?.sent.at(-1 - (o.back % Math.max(1, device.sent.length)));
              if (!device || !previous) break;
              const envelope = {
                ...previous,
                seq: ++device.seq,
                key: o.newKey ? `${previous.key}:again` : previous.key,
              };
              await queue(device, envelope);
              break;
            }
          }
        }
        for (const device of devices) await pushQueued(device);
        await foldAll(db); // what the pushes noted (migration 380), as the background folder would
        const incremental = new Map<string, string[]>();
        for (const table of ROLLUP_TABLES) incremental.set(table, await rollupSnapshot(db, table));
        await db.transaction((tx) => recomputeRollups(tx, { facts: 'keep' }));
        for (const table of ROLLUP_TABLES)
          expect({ table, rows: await rollupSnapshot(db, table) }).toEqual({
            table,
            rows: incremental.get(table),
          });
        // sale-line facts are the sales' lines; an erased member's id is in no analytics row
        const { rows: lines } = await db.query<{ n: number; units: number }>(
          `SELECT (SELECT count(*) FROM hq_sale_lines)::int AS n, (SELECT coalesce(sum(qty), 0) FROM hq_sale_lines)::int AS units`,
        );
        const { rows: expected } = await db.query<{ n: number; units: number }>(
          `SELECT count(*)::int AS n, coalesce(sum((l->>'qty')::int), 0)::int AS units FROM sales, jsonb_array_elements(body->'lines') l`,
        );
        expect(lines).toEqual(expected);
        const { rows: leaks } = await db.query(
          `SELECT m.member_id FROM members m WHERE m.erased AND (
             EXISTS (SELECT 1 FROM hq_garments WHERE member_key = m.member_id)
             OR EXISTS (SELECT 1 FROM hq_sale_lines WHERE member_key = m.member_id)
             OR EXISTS (SELECT 1 FROM hq_member_month WHERE member_key = m.member_id)
             OR EXISTS (SELECT 1 FROM tryons WHERE body->>'memberId' = m.member_id))`,
        );
        expect(leaks).toEqual([]);
      }),
      { numRuns: 30 },
    );
  }, 600_000);
});
