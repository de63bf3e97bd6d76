/**
 * Input report → frames, per kind of HID device. Each decoder turns reports into the same frame
 * shape the serial framers give (`bytes`, or `error` for garbage to count and drop), so the manager
 * sees one kind of `data` event whatever the transport.
 */
import { MagstripeFramer } from '../card/magstripe-framer';
import { parseUidLine } from '../card/uid-line';
import { HidPosAssembler } from '../hid/hid-pos';
import { KeyboardWedgeDecoder } from '../hid/keyboard-wedge';

export interface HidFrame {
  bytes: Uint8Array;
  error?: string;
}

export interface ReportDecoder {
  push(report: Uint8Array): HidFrame[];
  /** Drops partial state (after a reconnect). */
  reset(): void;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** HID POS scanners: the AIM identifier is put back in front of the data, as a serial scanner sends it. */
export function hidPosDecoder(): ReportDecoder {
  let assembler = new HidPosAssembler();
  return {
    push(report) {
      const result = assembler.push(report);
      if ('error' in result && result.error !== undefined)
        return [{ bytes: new Uint8Array(0), error: result.message }];
      if (!result.done) return [];
      const aim = result.aim === null ? new Uint8Array(0) : latin1(result.aim);
      const bytes = new Uint8Array(aim.length + result.data.length);
      bytes.set(aim);
      bytes.set(result.data, aim.length);
      return [{ bytes }];
    },
    reset: () => (assembler = new HidPosAssembler()),
  };
}

/** Keyboard-wedge scanners: one frame per line typed (ended by Enter or Tab). */
export function wedgeScannerDecoder(options: { reportId?: boolean } = {}): ReportDecoder {
  const decoder = new KeyboardWedgeDecoder({ suffix: 'enter-or-tab', reportId: options.reportId });
  return {
    push: (report) => decoder.push(report).map((line) => ({ bytes: latin1(line) })),
    reset: () => decoder.reset(),
  };
}

/** Keyboard-wedge card readers: magstripe swipes (tracks typed, then Enter) or one UID per line. */
export function wedgeCardDecoder(
  format: 'magstripe' | 'uid',
  options: { reportId?: boolean } = {},
): ReportDecoder {
  const decoder = new KeyboardWedgeDecoder({ suffix: 'enter', reportId: options.reportId });
  let framer = new MagstripeFramer();
  return {
    push(report) {
      const frames: HidFrame[] = [];
      for (const line of decoder.push(report)) {
        if (format === 'uid') {
          const result = parseUidLine(line);
          frames.push(
            'uid' in result
              ? { bytes: latin1(result.uid) }
              : { bytes: new Uint8Array(0), error: result.message },
          );
          continue;
        }
        for (const result of [...framer.pushText(`${line}\r`), ...framer.flush()]) {
          frames.push(
            'swipe' in result
              ? { bytes: latin1(result.swipe) }
              : { bytes: new Uint8Array(0), error: result.error },
          );
        }
      }
      return frames;
    },
    reset() {
      decoder.reset();
      framer = new MagstripeFramer();
    },
  };
}
