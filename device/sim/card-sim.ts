/**
 * What card readers put on the wire: a magnetic-stripe swipe (ISO 7813 track 1 + track 2, ended
 * by CR) or a badge UID line. `memberCardSwipe` builds a valid member card (Luhn check digit) in
 * the store's member BIN, for demos and tests.
 */

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 16-digit card number: BIN + account number (zero-padded) + Luhn check digit. */
export function memberCardNumber(memberBin: string, account: number | string): string {
  const body = `${memberBin}${String(account).padStart(15 - memberBin.length, '0')}`.slice(0, 15);
  return `${body}${luhnCheckDigit(body)}`;
}

/** Track 1 and track 2 of a card as a reader sends them, CR-terminated. */
export function swipeBytes(pan: string, name = 'MEMBER/KIOSK', expiry = '2912'): Buffer {
  return Buffer.from(`%B${pan}^${name}^${expiry}101?;${pan}=${expiry}101?\r`, 'latin1');
}

export function memberCardSwipe(memberBin: string, account: number | string): Buffer {
  return swipeBytes(memberCardNumber(memberBin, account));
}

/** A badge reader's line: the UID in hex, CR LF-terminated. */
export function uidLineBytes(uid: string): Buffer {
  return Buffer.from(`${uid.toUpperCase()}\r\n`, 'latin1');
}
