/**
 * Writes a scan as Honeywell HID POS input reports (the layout documented in hid-pos.ts): the
 * inverse of `HidPosAssembler`, for the simulator and tests.
 */
import { HONEYWELL_HID_POS_REPORT_ID } from './hid-pos';

export const HID_POS_REPORT_SIZE = 64;
const DATA_BYTES = HID_POS_REPORT_SIZE - 8;

export function encodeHidPosReports(
  aim: string | null,
  data: Uint8Array,
  codeId = '\0',
  reportId = HONEYWELL_HID_POS_REPORT_ID,
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const part = data.subarray(offset, offset + DATA_BYTES);
    offset += part.length;
    const report = new Uint8Array(HID_POS_REPORT_SIZE);
    report[0] = reportId;
    report[1] = part.length;
    for (let i = 0; i < 3; i++) report[2 + i] = aim === null ? 0 : aim.charCodeAt(i) & 0xff;
    report.set(part, 5);
    report[61] = codeId.charCodeAt(0) & 0xff;
    report[63] = offset < data.length ? 1 : 0;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}
