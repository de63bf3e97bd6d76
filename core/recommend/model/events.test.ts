import { describe, expect, it } from 'vitest';
import { EventTable, isPositive } from './events';

describe('EventTable', () => {
  it('interns strings, grows past its first capacity and keeps every column', () => {
    const t = new EventTable();
    for (let i = 0; i < 3000; i++)
      t.add({
        memberId: i % 3 === 0 ? null : `M${i % 7}`,
        styleId: `S${i % 11}`,
        size: i % 2 ? 'M' : 'L',
        colour: 'BLK',
        outcome: i % 2 ? 'rejected' : 'purchase',
        reason: i % 2 ? 'too-small' : null,
        at: 1000 + i,
        group: `G${i}`,
      });
    expect(t.length).toBe(3000);
    expect(t.styles.size).toBe(11);
    expect(t.member[0]).toBe(-1);
    expect(t.members.values[t.member[1] ?? 0]).toBe('M1');
    expect(t.outcomeOf(1)).toBe('rejected');
    expect(t.reasonOf(1)).toBe('too-small');
    expect(t.reasonOf(2)).toBeNull();
    expect(t.at[2999]).toBe(3999);
    expect(t.latest()).toBe(3999);
  });

  it('skips an event without a valid time instead of poisoning every window', () => {
    const t = new EventTable();
    t.add({
      memberId: 'M',
      styleId: 'S',
      size: '',
      colour: '',
      outcome: 'liked',
      reason: null,
      at: Number.NaN,
      group: 'g',
    });
    expect(t.length).toBe(0);
    expect(Number.isNaN(t.latest())).toBe(true);
  });

  it('counts likes and purchases as what a pick should predict, not rejections', () => {
    expect(['purchase', 'bought', 'liked'].every((o) => isPositive(o as 'liked'))).toBe(true);
    expect(isPositive('rejected')).toBe(false);
    expect(isPositive('size-swap')).toBe(false);
  });
});
