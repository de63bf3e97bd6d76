/**
 * USB vendor ids of the scanner, card-reader, RFID and printer makers a store is likely to plug in,
 * with the role their devices most likely have. USB-serial bridge chips (FTDI, Prolific, CH340,
 * Silicon Labs) say nothing about the device behind them: their role is null.
 */
import type { DeviceRole } from '../device';

export interface KnownVendor {
  vendorId: number;
  name: string;
  likelyRole: DeviceRole | null;
}

export const knownVendors: readonly KnownVendor[] = [
  { vendorId: 0x0c2e, name: 'Honeywell (Metrologic)', likelyRole: 'scanner' },
  { vendorId: 0x0536, name: 'Honeywell (Hand Held Products)', likelyRole: 'scanner' },
  { vendorId: 0x05e0, name: 'Zebra (Symbol)', likelyRole: 'scanner' },
  { vendorId: 0x05f9, name: 'Datalogic', likelyRole: 'scanner' },
  { vendorId: 0x1eab, name: 'Newland', likelyRole: 'scanner' },
  { vendorId: 0x0483, name: 'Zebex / STMicro-based scanners', likelyRole: 'scanner' },
  { vendorId: 0x2dd6, name: 'Unitech', likelyRole: 'scanner' },
  { vendorId: 0x065a, name: 'Opticon', likelyRole: 'scanner' },
  { vendorId: 0x0acd, name: 'ID TECH', likelyRole: 'card-reader' },
  { vendorId: 0x0801, name: 'Magtek', likelyRole: 'card-reader' },
  { vendorId: 0x072f, name: 'ACS (Advanced Card Systems)', likelyRole: 'card-reader' },
  { vendorId: 0x076b, name: 'HID Global (OMNIKEY)', likelyRole: 'card-reader' },
  { vendorId: 0x0c27, name: 'RF IDeas', likelyRole: 'card-reader' },
  { vendorId: 0x1a86, name: 'QinHeng CH340 (USB-serial)', likelyRole: null },
  { vendorId: 0x0403, name: 'FTDI (USB-serial)', likelyRole: null },
  { vendorId: 0x067b, name: 'Prolific (USB-serial)', likelyRole: null },
  { vendorId: 0x10c4, name: 'Silicon Labs CP210x (USB-serial)', likelyRole: null },
  { vendorId: 0x04b8, name: 'Epson', likelyRole: 'printer' },
  { vendorId: 0x0519, name: 'Star Micronics', likelyRole: 'printer' },
  { vendorId: 0x0dd4, name: 'Custom Engineering', likelyRole: 'printer' },
  { vendorId: 0x1504, name: 'Bixolon', likelyRole: 'printer' },
  { vendorId: 0x0fe6, name: 'ICS Advent (Xprinter / generic ESC/POS)', likelyRole: 'printer' },
  { vendorId: 0x1fc9, name: 'NXP (UHF RFID reader boards)', likelyRole: 'rfid' },
];

const byId = new Map(knownVendors.map((vendor) => [vendor.vendorId, vendor]));

export function knownVendor(vendorId: number | undefined): KnownVendor | null {
  return vendorId === undefined ? null : (byId.get(vendorId) ?? null);
}

/** HID usage page 0x8C is "Bar Code Scanner" (HID Point of Sale usage tables). */
export const HID_USAGE_PAGE_POS = 0x8c;
