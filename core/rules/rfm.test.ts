import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfmScores, SEGMENT_LABELS, SEGMENTS, segmentOf, type RfmTransaction } from './rfm';
import { readDemoCsv } from './test-support';

const NOW = new Date('2026-10-01T00:00:00+08:00');

describe('rfmScores', () => {
  it('scores recency, frequency (distinct sales) and money 1..5', () => {
    const tx: RfmTransaction[] = [
      { memberId: 'A', at: '2026-09-30T10:00:00+08:00', amountCents: 500000, txnId: 'S1' },
      { memberId: 'A', at: '2026-09-30T10:00:00+08:00', amountCents: 100000, txnId: 'S1' },
      { memberId: 'A', at: '2026-09-01T10:00:00+08:00', amountCents: 100000, txnId: 'S2' },
      { memberId: 'B', at: '2026-03-01T10:00:00+08:00', amountCents: 9900, txnId: 'S3' },
      { memberId: null, at: '2026-09-30T10:00:00+08:00', amountCents: 99999, txnId: 'S4' },
      { memberId: 'C', at: '2026-12-01T10:00:00+08:00', amountCents: 99999, txnId: 'S5' }, // after now: ignored
    ];
    const scores = rfmScores(tx, NOW);
    expect(scores.map((s) => s.memberId)).toEqual(['A', 'B']);
    const [a, b] = scores;
    expect(a).toMatchObject({
      recencyDays: 0,
      frequency: 2,
      monetaryCents: 700000,
      r: 4,
      f: 4,
      m: 4,
    });
    expect(b).toMatchObject({
      recencyDays: 213,
      frequency: 1,
      monetaryCents: 9900,
      r: 2,
      f: 2,
      m: 2,
    });
  });

  it('equal values get equal scores, scores stay in 1..5, and more money never scores lower', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            memberId: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'),
            day: fc.integer({ min: 0, max: 200 }),
            amountCents: fc.integer({ min: 1, max: 1_000_000 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (rows) => {
          const tx = rows.map((r) => ({
            memberId: r.memberId,
            at: new Date(NOW.getTime() - r.day * 86_400_000),
            amountCents: r.amountCents,
          }));
          const scores = rfmScores(tx, NOW);
          for (const s of scores)
            for (const v of [s.r, s.f, s.m]) expect(v >= 1 && v <= 5).toBe(true);
          for (const x of scores) {
            for (const y of scores) {
              if (x.monetaryCents >= y.monetaryCents) expect(x.m).toBeGreaterThanOrEqual(y.m);
              if (x.recencyDays <= y.recencyDays) expect(x.r).toBeGreaterThanOrEqual(y.r);
              if (x.frequency >= y.frequency) expect(x.f).toBeGreaterThanOrEqual(y.f);
            }
          }
        },
      ),
    );
  });
});

describe('segmentOf', () => {
  it('follows the documented rules', () => {
    expect(segmentOf({ r: 5, f: 5, m: 5 })).toBe('champion');
    expect(segmentOf({ r: 1, f: 5, m: 2 })).toBe('at-risk');
    expect(segmentOf({ r: 1, f: 1, m: 1 })).toBe('lost');
    expect(segmentOf({ r: 2, f: 2, m: 3 })).toBe('sleeping');
    expect(segmentOf({ r: 3, f: 2, m: 5 })).toBe('high-value');
    expect(segmentOf({ r: 3, f: 5, m: 2 })).toBe('loyal');
    expect(segmentOf({ r: 5, f: 1, m: 2 })).toBe('new');
    expect(segmentOf({ r: 4, f: 2, m: 2 })).toBe('potential');
    expect(segmentOf({ r: 4, f: 2, m: 5 }, { joinedOn: '2026-08-20', now: NOW })).toBe('new');
    expect(segmentOf({ r: 4, f: 2, m: 5 }, { joinedOn: '2024-08-20', now: NOW })).toBe(
      'high-value',
    );
  });

  it('every score triple has exactly one segment with both labels', () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(score, score, score, (r, f, m) => {
        const seg = segmentOf({ r, f, m });
        expect(SEGMENTS).toContain(seg);
        expect(SEGMENT_LABELS[seg].zh.length).toBeGreaterThan(0);
        expect(SEGMENT_LABELS[seg].en.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('RFM on the demo history', () => {
  const rows = readDemoCsv('history/transactions.csv');
  const joined = new Map(readDemoCsv('members.csv').map((m) => [m.member_id ?? '', m.joined_on]));
  const tx: RfmTransaction[] = rows.map((r) => ({
    memberId: r.member_id || null,
    at: r.ts ?? '',
    amountCents: Number(r.qty) * Number(r.unit_price_cents),
    txnId: r.txn_id,
  }));
  const buyers = new Set(rows.map((r) => r.member_id).filter((id): id is string => !!id));

  it('gives every member with purchases a score and a segment, and uses most segments', () => {
    const scores = rfmScores(tx, NOW);
    expect(scores.map((s) => s.memberId).sort()).toEqual([...buyers].sort());
    const counts = new Map<string, number>();
    for (const s of scores) {
      const seg = segmentOf(s, { joinedOn: joined.get(s.memberId), now: NOW });
      expect(SEGMENTS).toContain(seg);
      counts.set(seg, (counts.get(seg) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThanOrEqual(5);
    // Quintiles: each score band holds a meaningful share of the members.
    for (const band of [1, 5])
      expect(scores.filter((s) => s.m === band).length).toBeGreaterThan(scores.length / 10);
  });
});
