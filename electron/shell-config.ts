/**
 * The Electron shell's own settings, read from the optional `shell` section of the kiosk config
 * file (the host's schema keeps unknown keys). Everything has a default, so a config without the
 * section runs: Asia/Shanghai, 10:00–22:00 every day, no update feed (updates off).
 */
import { z } from 'zod';
import { isValidTimeZone, parseClock, weekdays, type DisplaySchedule } from './display-schedule';
import { parseFeedUrl } from './update-policy';

const clock = z
  .string()
  .refine((text) => parseClock(text) !== null, 'must be HH:MM between 00:00 and 24:00');
const openingWindow = z
  .object({ open: clock.refine((t) => t !== '24:00', 'opening cannot be 24:00'), close: clock })
  .strict();
const dayHours = z.array(openingWindow).max(4);
const argv = z.array(z.string().min(1)).min(1).max(16);

export const shellConfigSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
    openingHours: z
      .object(
        Object.fromEntries(weekdays.map((day) => [day, dayHours.optional()])) as Record<
          (typeof weekdays)[number],
          z.ZodOptional<typeof dayHours>
        >,
      )
      .strict()
      .optional(),
    display: z
      .object({
        screenOnBeforeMinutes: z.number().int().min(0).max(240).default(30),
        screenOffAfterMinutes: z.number().int().min(0).max(240).default(30),
        /** Run (no shell) when the screen should go dark, e.g. ["xset","dpms","force","off"]. */
        offCommand: argv.optional(),
        onCommand: argv.optional(),
      })
      .strict()
      .default({ screenOnBeforeMinutes: 30, screenOffAfterMinutes: 30 }),
    updates: z
      .object({
        feedUrl: z.string().refine((url) => parseFeedUrl(url).ok, 'must be an https:// URL'),
        idleMinutes: z.number().int().min(1).max(240).default(15),
        checkEveryMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(60),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

export type ShellConfig = z.output<typeof shellConfigSchema>;

const everyDay = { open: '10:00', close: '22:00' };

export function displayScheduleOf(config: ShellConfig): DisplaySchedule {
  return {
    timeZone: config.timeZone,
    hours: config.openingHours ?? Object.fromEntries(weekdays.map((day) => [day, [everyDay]])),
    screenOnBeforeMinutes: config.display.screenOnBeforeMinutes,
    screenOffAfterMinutes: config.display.screenOffAfterMinutes,
  };
}

export type ShellConfigResult = { ok: true; config: ShellConfig } | { ok: false; message: string };

/** Reads `kioskConfig.shell`; problems are reported with the field path, never thrown. */
export function parseShellConfig(kioskConfig: Record<string, unknown>): ShellConfigResult {
  const parsed = shellConfigSchema.safeParse(kioskConfig.shell ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  const lines = parsed.error.issues.map(
    (issue) => `  shell.${issue.path.join('.')}: ${issue.message}`,
  );
  return { ok: false, message: `invalid kiosk config (shell section):\n${lines.join('\n')}` };
}
