/**
 * Reassembles scans from HID POS barcode-scanner input reports (usage page 0x8C "Bar Code
 * Scanner", HID Point of Sale Usage Tables; usage 0x12 "Scanned Data Report"), in the layout
 * Honeywell scanners use in their "HID POS" interface mode.
 *
 * Layout implemented (64-byte input report, report id 0x02, as node-hid returns it with the id
 * first). Sources: the Access-IS ATR110 manual, appendix A "HID Reports", which documents the
 * same layout for its Honeywell engine, and the reports captured from a Honeywell Voyager in
 * github.com/HenkVanAsselt/python_hon_usbhid (README):
 *
 *   byte 0       report id = 0x02
 *   byte 1       number of data bytes in this report (0..56)
 *   bytes 2..4   AIM symbology identifier, e.g. "]E0" (repeated in every report of a scan)
 *   bytes 5..60  data, zero-padded after `length`
 *   byte 61      Honeywell code id (e.g. 'd' EAN-13, 'w' DataMatrix, 's' QR)
 *   byte 62      reserved
 *   byte 63      bit 0 = more data follows in the next report
 *
 * The trailer is read from the last three bytes of whatever report size arrives, so a device
 * with a shorter report works the same way.
 *
 * Guarantees: `push` never throws; a report that breaks the layout gives an `error` result and
 * drops any scan in progress; a scan is delivered once, complete, in report order; memory is
 * bounded by `maxScanBytes`.
 */

export const HONEYWELL_HID_POS_REPORT_ID = 0x02;
const HEADER = 5;
const TRAILER = 3;

export type HidPosError = 'wrong-report-id' | 'short-report' | 'bad-length' | 'overflow' | 'empty';

export type HidPosResult =
  | { done: false }
  | { done: true; aim: string | null; codeId: string | null; data: Uint8Array }
  | { done?: undefined; error: HidPosError; message: string };

export interface HidPosAssemblerOptions {
  reportId?: number;
  /** Largest scan kept, default 8192 (a full GS1 DataMatrix is under 2 KB). */
  maxScanBytes?: number;
}

function aimOf(report: Uint8Array): string | null {
  const [a, b, c] = [report[2] ?? 0, report[3] ?? 0, report[4] ?? 0];
  // Scanners with AIM transmission disabled send zeros here.
  if (a !== 0x5d) return null;
  return String.fromCharCode(a, b, c);
}

function codeIdOf(byte: number): string | null {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : null;
}

export class HidPosAssembler {
  private readonly reportId: number;
  private readonly maxScanBytes: number;
  private chunks: Uint8Array[] = [];
  private size = 0;
  private aim: string | null = null;

  constructor(options: HidPosAssemblerOptions = {}) {
    const reportId = options.reportId ?? HONEYWELL_HID_POS_REPORT_ID;
    if (!Number.isInteger(reportId) || reportId < 0 || reportId > 255) {
      throw new TypeError('"reportId" must be an integer 0..255');
    }
    const max = options.maxScanBytes ?? 8192;
    if (!Number.isInteger(max) || max < 1)
      throw new TypeError('"maxScanBytes" must be a positive integer');
    this.reportId = reportId;
    this.maxScanBytes = max;
  }

  /** True while a scan spread over several reports is partly received. */
  get pending(): boolean {
    return this.chunks.length > 0;
  }

  /** Drops a partial scan, e.g. when the next report did not come within the driver's timeout. */
  reset(): void {
    this.chunks = [];
    this.size = 0;
    this.aim = null;
  }

  push(report: Uint8Array): HidPosResult {
    if (report.length < HEADER + TRAILER) {
      return this.fail(
        'short-report',
        `report of ${report.length} bytes is shorter than header + trailer`,
      );
    }
    if (report[0] !== this.reportId) {
      return this.fail('wrong-report-id', `report id ${report[0] ?? -1} is not ${this.reportId}`);
    }
    const length = report[1] ?? 0;
    if (HEADER + length > report.length - TRAILER) {
      return this.fail(
        'bad-length',
        `length ${length} runs past the data area of a ${report.length}-byte report`,
      );
    }
    if (this.size + length > this.maxScanBytes) {
      return this.fail('overflow', `scan longer than ${this.maxScanBytes} bytes`);
    }
    const aim = aimOf(report);
    // A report whose AIM id differs from the scan in progress starts a new scan (the previous
    // one lost its tail, e.g. the scanner was unplugged and re-plugged mid-scan).
    if (this.chunks.length > 0 && aim !== this.aim) this.reset();
    this.aim = aim;
    this.chunks.push(report.slice(HEADER, HEADER + length));
    this.size += length;
    const more = ((report[report.length - 1] ?? 0) & 0x01) === 1;
    if (more) return { done: false };
    const data = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    const codeId = codeIdOf(report[report.length - TRAILER] ?? 0);
    this.reset();
    if (data.length === 0) return { error: 'empty', message: 'scan without data' };
    return { done: true, aim, codeId, data };
  }

  private fail(error: HidPosError, message: string): HidPosResult {
    this.reset();
    return { error, message };
  }
}
