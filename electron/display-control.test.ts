import { describe, expect, it } from 'vitest';
import { createDisplayController, type BlockerLike } from './display-control';
import type { DisplaySchedule } from './display-schedule';

const schedule: DisplaySchedule = {
  timeZone: 'Asia/Shanghai',
  hours: { mon: [{ open: '10:00', close: '22:00' }] },
  screenOnBeforeMinutes: 30,
  screenOffAfterMinutes: 0,
};
const at = (iso: string) => new Date(`${iso}Z`);

function setup() {
  const active = new Set<number>();
  let nextId = 1;
  const blocker: BlockerLike = {
    start: () => (active.add(nextId), nextId++),
    stop: (id) => active.delete(id),
  };
  const commands: string[] = [];
  const controller = createDisplayController({
    schedule,
    blocker,
    runCommand: async (argv) => void commands.push(argv.join(' ')),
    onCommand: ['xset', 'dpms', 'force', 'on'],
    offCommand: ['xset', 'dpms', 'force', 'off'],
    log: { info() {}, warn() {} },
  });
  return { controller, active, commands };
}

describe('createDisplayController', () => {
  it('holds one power-save blocker while the screen should be on and releases it after', () => {
    const { controller, active, commands } = setup();
    expect(controller.tick(at('2026-03-02T01:00:00'))).toBe('off'); // Mon 09:00
    expect(active.size).toBe(0);
    expect(controller.tick(at('2026-03-02T01:30:00'))).toBe('on'); // Mon 09:30
    expect(controller.tick(at('2026-03-02T05:00:00'))).toBe('on');
    expect(active.size).toBe(1);
    expect(controller.tick(at('2026-03-02T14:00:00'))).toBe('off'); // Mon 22:00
    expect(active.size).toBe(0);
    expect(commands).toEqual(['xset dpms force off', 'xset dpms force on', 'xset dpms force off']);
  });
  it('reports whether the store trades (without the screen margins)', () => {
    const { controller } = setup();
    expect(controller.isStoreOpen(at('2026-03-02T01:45:00'))).toBe(false); // Mon 09:45
    expect(controller.isStoreOpen(at('2026-03-02T02:00:00'))).toBe(true);
  });
  it('releases the blocker on stop', () => {
    const { controller, active } = setup();
    controller.tick(at('2026-03-02T05:00:00'));
    controller.stop();
    expect(active.size).toBe(0);
  });
});
