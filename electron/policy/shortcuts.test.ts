import { describe, expect, it } from 'vitest';
import { shortcutDecision, type KeyInput } from './shortcuts';

function key(chord: string, type = 'keyDown'): KeyInput {
  const parts = chord.split('+').filter(Boolean);
  const keyName = chord.endsWith('++') ? '+' : (parts.at(-1) ?? '');
  return {
    type,
    key: keyName,
    control: parts.includes('Ctrl'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
    meta: parts.includes('Meta'),
  };
}

describe('shortcutDecision', () => {
  it.each([
    'Alt+F4',
    'Ctrl+w',
    'Ctrl+W',
    'Ctrl+q',
    'Meta+q',
    'F11',
    'Ctrl+Shift+w',
    'Ctrl+p',
    'Ctrl+F4',
  ])('blocks %s in every build', (chord) => {
    expect(shortcutDecision(key(chord), true)).toBe('block');
    expect(shortcutDecision(key(chord), false)).toBe('block');
  });
  it.each([
    'Ctrl+Shift+I',
    'Ctrl+Shift+i',
    'F12',
    'Ctrl+r',
    'F5',
    'Ctrl+Shift+R',
    'Ctrl+=',
    'Ctrl+-',
    'Ctrl+0',
    'Meta+Alt+i',
  ])('blocks %s in production and lets it through in development', (chord) => {
    expect(shortcutDecision(key(chord), true)).toBe('block');
    expect(shortcutDecision(key(chord), false)).toBe('pass');
  });
  it.each([
    'a',
    'Shift+A',
    '1',
    'Enter',
    'Backspace',
    'Tab',
    'Escape',
    'ArrowDown',
    'Ctrl+a',
    'Ctrl+c',
    'Ctrl+v',
  ])('lets ordinary typing through: %s', (chord) => {
    expect(shortcutDecision(key(chord), true)).toBe('pass');
  });
  it('turns the hidden chord into a staff exit request on key down only', () => {
    expect(shortcutDecision(key('Ctrl+Alt+Shift+F10'), true)).toBe('staff-exit');
    expect(shortcutDecision(key('Ctrl+Alt+Shift+F10', 'keyUp'), true)).toBe('block');
    expect(shortcutDecision(key('Ctrl+Shift+F10'), true)).toBe('pass');
  });
});
