/**
 * The screens' own settings in the kiosk config file: how long a visit may sit idle, the place
 * name staff see on a request, and checkout policy. They are part of the config's schema
 * (host/config.ts), so a bad value refuses start with the field named and exit code 2, like every
 * other field; `readScreenConfig` picks the validated values for the screen service.
 */
import { z } from 'zod';
import { formatZodError } from '../../../common/result';

export const screenConfigSchema = z.object({
  /** Seconds with no touch, no scan and no tag in the field before the visit ends and is wiped. */
  idleSeconds: z.number().int().min(2).max(3600).default(90),
  /** Shown to staff on a size request: "Fitting room 3". */
  place: z.string().min(1).max(40).default('Fitting room 1'),
  /** Removing a scanned item at self-checkout needs a staff member's approval. */
  removeNeedsStaff: z.boolean().default(true),
  /**
   * 'sim' approves payment codes through the simulator; 'offline' sends every shopper to the
   * counter; 'network' (default) is 'sim' while the member cloud is reachable and the counter
   * while sync reports the kiosk offline (a kiosk that is not enrolled is never offline).
   */
  payment: z.enum(['sim', 'offline', 'network']).default('network'),
  /** Points one member may redeem per store day while the kiosk cannot reach the cloud. */
  /** The brand's product page; {styleId}, {color} and {sku} are filled in (URL-encoded). */
  lookUrlPattern: z
    .string()
    .regex(/^https:\/\/[^\s]+$/)
    .max(300)
    .default('https://shop.example.com/p/{styleId}?c={color}'),
  offlinePointsDailyCap: z.number().int().min(0).max(10_000_000).default(20_000),
});
export type ScreenConfig = z.output<typeof screenConfigSchema>;

/** The screen settings of a kiosk config (other keys are left alone). */
export function readScreenConfig(config: object): { config: ScreenConfig; problems: string[] } {
  const parsed = screenConfigSchema.safeParse(config);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: screenConfigSchema.parse({}), problems: [formatZodError(parsed.error)] };
}

/** The look's URL from the configured pattern; every value is URL-encoded. */
export function lookUrl(
  pattern: string,
  item: { styleId: string; colorCode: string; sku: string },
): string {
  const values: Record<string, string> = {
    styleId: item.styleId,
    color: item.colorCode,
    sku: item.sku,
  };
  return pattern.replace(/\{(styleId|color|sku)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}
