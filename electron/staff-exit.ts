/**
 * Staff exit: the only way out of kiosk mode. The hidden key chord (see policy/shortcuts) opens a
 * small dialog window on its own origin (`kiosk://staff/`); a supervisor scans or types the badge
 * and enters the PIN; main asks the host (`verifySupervisor`) and, when it agrees, quits with
 * `staffExitCode` so the supervisor (systemd) does not restart the app. Failed attempts are
 * rate-limited; the badge and PIN are never logged.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';

/** systemd's unit lists this in RestartPreventExitStatus= (docs/install.md). */
export const staffExitCode = 64;

export const staffExitInput = z
  .object({
    badge: z.string().trim().min(1).max(128),
    pin: z.string().regex(/^\d{4,12}$/),
  })
  .strict();

export type StaffExitCode = 'bad-request' | 'denied' | 'locked' | 'unavailable' | 'forbidden';
/** `locked` carries `details.retryAfterMs`. */
export type StaffExitResult = Result<null, StaffExitCode>;

export interface StaffExitGateOptions {
  verify: (badge: string, pin: string) => Promise<boolean>;
  now: () => number;
  /** Failed attempts allowed within `windowMs` before the gate locks for `lockoutMs`. */
  maxFailures?: number;
  windowMs?: number;
  lockoutMs?: number;
}

export interface StaffExitGate {
  /** Validates untrusted input from the dialog; never throws. */
  submit(input: unknown): Promise<StaffExitResult>;
}

const locked = (retryAfterMs: number): StaffExitResult =>
  fail('locked', 'too many attempts', { retryAfterMs });

export function createStaffExitGate(options: StaffExitGateOptions): StaffExitGate {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const lockoutMs = options.lockoutMs ?? 5 * 60_000;
  let failures: number[] = [];
  let lockedUntil = 0;

  return {
    async submit(input) {
      const now = options.now();
      if (now < lockedUntil) return locked(lockedUntil - now);
      const parsed = staffExitInput.safeParse(input);
      if (!parsed.success) return fail('bad-request', 'a badge and a PIN of 4 to 12 digits');
      let granted: boolean;
      try {
        granted = await options.verify(parsed.data.badge, parsed.data.pin);
      } catch {
        return fail('unavailable', 'staff records cannot be read now');
      }
      if (granted) {
        failures = [];
        return ok(null);
      }
      failures = [...failures.filter((at) => now - at < windowMs), now];
      if (failures.length >= maxFailures) {
        lockedUntil = now + lockoutMs;
        failures = [];
        return locked(lockoutMs);
      }
      return fail('denied', 'badge or PIN not accepted');
    },
  };
}
