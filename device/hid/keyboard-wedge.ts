/**
 * Decodes a keyboard-wedge scanner read from the device itself (node-hid), not from focused
 * keystrokes: HID boot-keyboard input reports (modifier byte, reserved byte, six key usages)
 * become characters in the US layout, and lines end at Enter or Tab.
 *
 * Guarantees: `push` never throws; a key counts once per press (a usage present in this report
 * and absent from the previous one), so a repeated character needs a release in between, exactly
 * as on a real keyboard; phantom-state reports (all usages 0x01, "ErrorRollOver") are ignored;
 * memory is bounded by `maxLineLength` (a longer line is dropped and counted).
 *
 * Also decoded: Ctrl + key as a control character (scanners type GS as Ctrl+]), and Alt + keypad
 * digits typed as a decimal code, released with Alt (values 0..255 taken as Latin-1).
 */
import {
  MOD_ALT,
  USAGE_ENTER,
  USAGE_KEYPAD_ENTER,
  USAGE_ROLLOVER_ERROR,
  USAGE_TAB,
  keypadDigit,
  usageToChar,
} from './us-layout';

export type WedgeSuffix = 'enter' | 'tab' | 'enter-or-tab';

export interface KeyboardWedgeOptions {
  /** Which key ends a scan, default 'enter-or-tab'. */
  suffix?: WedgeSuffix;
  /** Reports carry a leading report id byte (composite devices), default false. */
  reportId?: boolean;
  maxLineLength?: number;
}

export interface KeyboardWedgeStats {
  ignoredReports: number;
  unknownKeys: number;
  droppedLines: number;
}

export class KeyboardWedgeDecoder {
  private readonly endKeys: ReadonlySet<number>;
  private readonly offset: number;
  private readonly maxLineLength: number;
  private previous = new Set<number>();
  private line = '';
  private overflowed = false;
  private altCode: string | null = null;
  private readonly counters: KeyboardWedgeStats = {
    ignoredReports: 0,
    unknownKeys: 0,
    droppedLines: 0,
  };

  constructor(options: KeyboardWedgeOptions = {}) {
    const suffix = options.suffix ?? 'enter-or-tab';
    const ends: Record<WedgeSuffix, number[]> = {
      enter: [USAGE_ENTER, USAGE_KEYPAD_ENTER],
      tab: [USAGE_TAB],
      'enter-or-tab': [USAGE_ENTER, USAGE_KEYPAD_ENTER, USAGE_TAB],
    };
    const endKeys = ends[suffix];
    if (!endKeys) throw new TypeError('"suffix" must be "enter", "tab" or "enter-or-tab"');
    const max = options.maxLineLength ?? 4096;
    if (!Number.isInteger(max) || max < 1)
      throw new TypeError('"maxLineLength" must be a positive integer');
    this.endKeys = new Set(endKeys);
    this.offset = options.reportId === true ? 1 : 0;
    this.maxLineLength = max;
  }

  get stats(): Readonly<KeyboardWedgeStats> {
    return { ...this.counters };
  }

  /** Characters typed since the last completed line (for an idle-timeout flush by the driver). */
  get partial(): string {
    return this.line;
  }

  /** Drops the partial line and key state (e.g. on reconnect). */
  reset(): void {
    this.previous = new Set();
    this.line = '';
    this.overflowed = false;
    this.altCode = null;
  }

  /** Feeds one input report; returns the lines it completed (usually none or one). */
  push(report: Uint8Array): string[] {
    const o = this.offset;
    if (report.length < o + 3) {
      this.counters.ignoredReports++;
      return [];
    }
    const modifiers = report[o] ?? 0;
    const keys = Array.from(report.subarray(o + 2, o + 8)).filter((k) => k !== 0);
    if (keys.length > 0 && keys.every((k) => k === USAGE_ROLLOVER_ERROR)) {
      this.counters.ignoredReports++;
      return [];
    }
    const lines: string[] = [];
    if (this.altCode !== null && (modifiers & MOD_ALT) === 0) this.endAltCode();
    for (const usage of keys) {
      if (this.previous.has(usage)) continue;
      this.press(usage, modifiers, lines);
    }
    this.previous = new Set(keys);
    return lines;
  }

  private press(usage: number, modifiers: number, lines: string[]): void {
    if (this.endKeys.has(usage)) {
      this.endLine(lines);
      return;
    }
    const digit = keypadDigit(usage);
    if ((modifiers & MOD_ALT) !== 0) {
      if (digit === null) {
        this.counters.unknownKeys++;
      } else if ((this.altCode ?? '').length < 4) {
        this.altCode = (this.altCode ?? '') + String(digit);
      }
      return;
    }
    // Enter or Tab that does not end the scan is data (e.g. Tab between fields, suffix Enter).
    const char =
      usage === USAGE_TAB
        ? '\t'
        : usage === USAGE_ENTER || usage === USAGE_KEYPAD_ENTER
          ? '\r'
          : usageToChar(usage, modifiers);
    if (char === null) this.counters.unknownKeys++;
    else this.append(char);
  }

  private endAltCode(): void {
    const code = Number(this.altCode);
    this.altCode = null;
    if (code <= 0xff) this.append(String.fromCharCode(code));
    else this.counters.unknownKeys++;
  }

  private append(char: string): void {
    if (this.overflowed) return;
    if (this.line.length >= this.maxLineLength) {
      this.overflowed = true;
      this.line = '';
      return;
    }
    this.line += char;
  }

  private endLine(lines: string[]): void {
    if (this.altCode !== null) this.endAltCode();
    if (this.overflowed) this.counters.droppedLines++;
    else if (this.line.length > 0) lines.push(this.line);
    this.line = '';
    this.overflowed = false;
  }
}
