/** A kiosk config file for tests that run the CLI: written into `dir`, its path returned. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeKioskConfig(dir: string, config: object): string {
  const path = join(dir, 'kiosk.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}
