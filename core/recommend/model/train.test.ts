import { describe, expect, it } from 'vitest';
import { EventTable } from './events';
import { CATALOG, DAY, T0, table, twoGroups } from './test-data';
import { trainModel } from './train';
import { DEFAULT_WEIGHTS } from './weights';

const now = new Date('2026-07-01T00:00:00Z');
const userKnnOnly = { userKnn: 1, itemKnn: 0, persona: 0, own: 0, popularity: 0 };

describe('trainModel', () => {
  it('gives members the styles of the members most like them, with the reason of the signal', () => {
    const { facts, members } = twoGroups();
    const model = trainModel(table(facts), CATALOG, members, { now, weights: DEFAULT_WEIGHTS });
    const a1 = model.members.find((m) => m.memberId === 'A1');
    const z1 = model.members.find((m) => m.memberId === 'Z1');
    const rank = (m: typeof a1, s: string) => m?.picks.findIndex((p) => p.styleId === s) ?? -1;
    // B4 only A6 has: A1 gets it from its neighbours, above every street style.
    expect(rank(a1, 'B4')).toBeGreaterThanOrEqual(0);
    for (const s of ['S1', 'S2', 'S3', 'S4']) expect(rank(a1, 'B4')).toBeLessThan(rank(a1, s));
    expect(rank(z1, 'S4')).toBeLessThan(rank(z1, 'B4'));
    const knn = trainModel(table(facts), CATALOG, members, { now, weights: userKnnOnly });
    const b4 = knn.members.find((m) => m.memberId === 'A1')?.picks.find((p) => p.styleId === 'B4');
    expect(b4?.why).toEqual({ code: 'taste', boughtBy: 0 });
    // Styles already bought stay candidates (members come back to them), and say so.
    expect(rank(a1, 'B1')).toBeGreaterThanOrEqual(0);
    expect(a1?.picks[rank(a1, 'B1')]?.why).toEqual({ code: 'own', tries: 2, bought: true });
    expect(model.members.every((m) => m.picks.length > 0)).toBe(true);
  });

  it('keeps members without profiling consent out: no row, and never anyone’s neighbour', () => {
    const { facts, members } = twoGroups();
    const model = trainModel(table(facts), CATALOG, members, { now, weights: DEFAULT_WEIGHTS });
    expect(model.members.map((m) => m.memberId)).not.toContain('N1');
    // Without N1's profile, B4 reaches A1 only through A6: one neighbour, who liked (not bought) it.
    const withN1 = members.map((m) => (m.memberId === 'N1' ? { ...m, profiling: true } : m));
    const profiled = trainModel(table(facts), CATALOG, withN1, { now, weights: userKnnOnly });
    const alone = trainModel(table(facts), CATALOG, members, { now, weights: userKnnOnly });
    const why = (m: typeof model, id: string) =>
      m.members.find((x) => x.memberId === id)?.picks.find((p) => p.styleId === 'B4')?.why;
    expect(why(profiled, 'A1')).toEqual({ code: 'taste', boughtBy: 1 });
    expect(why(alone, 'A1')).toEqual({ code: 'taste', boughtBy: 0 });
    // Their purchases still count anonymously for popularity.
    expect(model.items.find((i) => i.styleId === 'B4')?.popularity).toBeGreaterThan(0);
  });

  it('chooses the weights on the weeks before `until` only, and says so', () => {
    const { facts, members } = twoGroups();
    const events = table(facts);
    const until = T0 + 80 * DAY;
    const model = trainModel(events, CATALOG, members, {
      now,
      until,
      validationDays: 30,
      minValidationMembers: 5,
    });
    expect(model.meta.dataUntil).toBe(new Date(until).toISOString());
    expect(model.meta.validation).toMatchObject({
      from: new Date(until - 30 * DAY).toISOString(),
      to: new Date(until).toISOString(),
    });
    expect(model.meta.validation?.members).toBeGreaterThanOrEqual(5);
    // A6's B4 (day 95) lies after `until`: nothing in the model knows it.
    const a1 = model.members.find((m) => m.memberId === 'A1');
    expect(a1?.picks.some((p) => p.styleId === 'B4' && p.why.code === 'taste')).toBe(false);
    // Too few members to validate: the defaults, and no validation claimed.
    const few = trainModel(events, CATALOG, members, { now, until, minValidationMembers: 500 });
    expect(few.meta.weights).toEqual(DEFAULT_WEIGHTS);
    expect(few.meta.validation).toBeNull();
  });

  it('ships item neighbours and look partners of other slots only, for known styles', () => {
    const { facts, members } = twoGroups();
    const model = trainModel(table(facts), CATALOG, members, { now, weights: DEFAULT_WEIGHTS });
    const b1 = model.items.find((i) => i.styleId === 'B1');
    expect(b1?.neighbours[0]?.[0]).toMatch(/^B[23]$/);
    const slotOf = new Map(CATALOG.map((s) => [s.styleId, s.slot]));
    for (const item of model.items)
      for (const [partner] of item.look)
        expect(slotOf.get(partner)).not.toBe(slotOf.get(item.styleId));
    expect(model.items.find((i) => i.styleId === 'POP')?.popularity).toBe(1);
    expect(model.meta.version).toMatch(/^m2026/);
  });

  it('trains on an empty table without failing', () => {
    const model = trainModel(new EventTable(), CATALOG, [], { now });
    expect(model.members).toEqual([]);
    expect(model.meta.events).toBe(0);
  });
});
