import { describe, expect, it } from 'vitest';
import { stageProgress } from './progress-stages';

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  const clock = { ms: 0 };
  return { out: { isTTY, columns: 120, write: (t: string) => written.push(t) }, written, clock };
}

describe('stageProgress', () => {
  it('ends a stage when the next one starts, each with its own unit and rate', () => {
    const t = fakeTerminal(false);
    const stages = stageProgress(t.out, 'rows', () => t.clock.ms);
    t.clock.ms = 1000;
    stages.update({ stage: 'import: check', done: 0, total: 100 });
    t.clock.ms = 3000;
    stages.update({ stage: 'import: check', done: 100, total: 100 });
    stages.update({ stage: 'training: picks', unit: 'members', done: 0, total: 10 });
    t.clock.ms = 4000;
    stages.update({ stage: 'training: picks', unit: 'members', done: 10, total: 10 });
    stages.end();
    const lines = t.written.join('').trim().split('\n');
    expect(lines.filter((l) => l.includes('done in'))).toEqual([
      expect.stringMatching(/import: check {2}100% 100\/100 rows {2}50 rows\/s {2}done in 2 s$/),
      expect.stringMatching(
        /training: picks {2}100% 10\/10 members {2}10 members\/s {2}done in 1 s$/,
      ),
    ]);
  });

  it('leaves an interrupted stage as it stood, not claiming it done', () => {
    const t = fakeTerminal(true);
    const stages = stageProgress(t.out, 'rows', () => t.clock.ms);
    stages.update({ stage: 'import: apply', done: 400, total: 1000, alreadyDone: 400 });
    t.clock.ms = 1000;
    stages.update({ stage: 'import: apply', done: 500, total: 1000 });
    stages.end();
    const all = t.written.join('');
    expect(all).not.toMatch(/done in|100%/);
    expect(all).toMatch(/50% 500\/1,000 rows {2}100 rows\/s {2}5 s left\n$/);
  });
});
