import { z } from 'zod';
import type { WritableDB } from '../core/store/db';
import { readSetting } from './schema';

const StoredUrl = z.object({ url: z.string().regex(/^https?:\/\//) });

/**
 * The cloud this kiosk is enrolled with (the stored credentials' URL, which is not secret), or
 * null when it is not enrolled: the phone pages of mirror looks live there.
 */
export function enrolledCloudUrl(db: WritableDB): string | null {
  const text = readSetting(db, 'sync.credentials');
  if (text === null) return null;
  try {
    const parsed = StoredUrl.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.url : null;
  } catch {
    return null;
  }
}
