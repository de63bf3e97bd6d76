/** GTIN arithmetic the catalog needs: the GS1 mod-10 check digit and the 14-digit key form. */

export function gs1CheckDigitValid(digits: string): boolean {
  if (!/^\d{8,18}$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digits.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

/** GTIN-8/12/13/14 → the 14-digit form used as the key; null when the code is not a GTIN. */
export function toGtin14(code: string): string | null {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return null;
  return code.padStart(14, '0');
}
