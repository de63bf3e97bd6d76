/** The one structured logger: JSON lines to <dataDir>/logs/kiosk.log, a child per module. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(
  dataDir: string | null,
  level = process.env.KIOSK_LOG_LEVEL ?? 'info',
): Logger {
  if (!dataDir) return pino({ level }, pino.destination(2));
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino(
    {
      level,
      // Card numbers and payment codes must never reach a log line, whatever a caller passes.
      redact: {
        paths: ['*.number', '*.track', '*.raw', '*.pin', '*.paymentCode'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: join(dir, 'kiosk.log'), mkdir: true, sync: false }),
  );
}
