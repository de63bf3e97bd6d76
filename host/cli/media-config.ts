/** The media cache settings of the kiosk config (KIOSK_CONFIG), defaults without one. */
import { ConfigError, DEFAULT_MEDIA_CACHE_MB, readConfigFile } from '../config';
import type { CliIO } from './io';

export type MediaConfig = { storeId: string; mediaCacheMB: number };

/** The config, or the exit code after the config's error was written to stderr. */
export function readMediaConfig(io: CliIO): MediaConfig | number {
  try {
    return io.env.KIOSK_CONFIG
      ? readConfigFile(io.env.KIOSK_CONFIG)
      : { storeId: '', mediaCacheMB: DEFAULT_MEDIA_CACHE_MB };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
}
