/**
 * Encodes a GTIN and serial as an SGTIN-96 EPC (GS1 EPC Tag Data Standard), so simulated RFID
 * readers can carry the demo store's garments. Inverse of the decoder's SGTIN-96 path.
 */
/** [company prefix bits, company prefix digits, item reference bits] by partition value. */
const partitions: ReadonlyArray<readonly [number, number, number]> = [
  [40, 12, 4],
  [37, 11, 7],
  [34, 10, 10],
  [30, 9, 14],
  [27, 8, 17],
  [24, 7, 20],
  [20, 6, 24],
];

export interface SgtinInput {
  /** GTIN-8/12/13/14; padded to 14 digits. */
  gtin: string;
  serial: bigint | number;
  /** GS1 company prefix length, 6–12 digits (7 for the demo store's 697xxxx prefix). */
  companyPrefixLength?: number;
  /** Filter value 0–7; 1 = point-of-sale trade item. */
  filter?: number;
}

export function encodeSgtin96({
  gtin,
  serial,
  companyPrefixLength = 7,
  filter = 1,
}: SgtinInput): string {
  const digits = gtin.padStart(14, '0');
  if (!/^\d{14}$/.test(digits)) throw new TypeError('gtin must be 8 to 14 digits');
  const partition = partitions.findIndex(
    ([, companyDigits]) => companyDigits === companyPrefixLength,
  );
  const bits = partitions[partition];
  if (!bits) throw new TypeError('companyPrefixLength must be 6 to 12');
  const serialValue = BigInt(serial);
  if (serialValue < 0n || serialValue >= 1n << 38n) throw new TypeError('serial must fit 38 bits');
  const company = BigInt(digits.slice(1, 1 + companyPrefixLength));
  const itemReference = BigInt(digits[0] + digits.slice(1 + companyPrefixLength, 13));
  let value = 0x30n;
  const push = (part: bigint, width: number) => {
    value = (value << BigInt(width)) | part;
  };
  push(BigInt(filter), 3);
  push(BigInt(partition), 3);
  push(company, bits[0]);
  push(itemReference, bits[2]);
  push(serialValue, 38);
  return value.toString(16).toUpperCase().padStart(24, '0');
}
