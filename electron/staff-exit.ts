/**
 * Staff exit: the only way out of kiosk mode. The hidden key chord (see policy/shortcuts) opens a
 * small dialog window on its own origin (`kiosk://staff/`); a supervisor scans or types the badge
 * and enters the PIN; main asks the host (`verifySupervisor`) and, when it agrees, quits with
 * `staffExitCode` so the supervisor (systemd) does not restart the app. Failed attempts are
 * rate-limited; the badge and PIN are never logged.
 */
import { z } from 'zod';

/** systemd's unit lists this in RestartPreventExitStatus= (docs/install.md). */
export const staffExitCode = 64;

export const staffExitInput = z
  .object({
    badge: z.string().trim().min(1).max(128),
    pin: z.string().regex(/^\d{4,12}$/),
  })
  .strict();

export type StaffExitResult =
  | { ok: true }
  | { ok: false; code: 'bad-request' | 'denied' | 'locked' | 'unavailable'; retryAfterMs?: number };

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

export function createStaffExitGate(options: StaffExitGateOptions): StaffExitGate {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const lockoutMs = options.lockoutMs ?? 5 * 60_000;
  let failures: number[] = [];
  let lockedUntil = 0;

  return {
    async submit(input) {
      const now = options.now();
      if (now < lockedUntil) return { ok: false, code: 'locked', retryAfterMs: lockedUntil - now };
      const parsed = staffExitInput.safeParse(input);
      if (!parsed.success) return { ok: false, code: 'bad-request' };
      let granted: boolean;
      try {
        granted = await options.verify(parsed.data.badge, parsed.data.pin);
      } catch {
        return { ok: false, code: 'unavailable' };
      }
      if (granted) {
        failures = [];
        return { ok: true };
      }
      failures = [...failures.filter((at) => now - at < windowMs), now];
      if (failures.length >= maxFailures) {
        lockedUntil = now + lockoutMs;
        failures = [];
        return { ok: false, code: 'locked', retryAfterMs: lockoutMs };
      }
      return { ok: false, code: 'denied' };
    },
  };
}
