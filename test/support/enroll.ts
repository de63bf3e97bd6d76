/** A kiosk enrolled with a cloud by a one-time code, as `kiosk enroll` does, for tests and benches. */
import type { DataKey } from '../../core/crypto';
import type { WritableDB } from '../../core/store/db';
import { createCloudClient, type CloudClient } from '../../sync/cloud-client';
import { enroll, type Credentials } from '../../sync/credentials';
import { createHttpClient } from '../../sync/http-client';

/** A cloud client for `url` (with this request timeout); a malformed URL throws. */
export function cloudClientFor(url: string, timeoutMs?: number): CloudClient {
  const http = createHttpClient(
    timeoutMs === undefined ? { baseUrl: url } : { baseUrl: url, timeoutMs },
  );
  if (!http.ok) throw new Error(http.error.message);
  return createCloudClient(http.value);
}

/** Enrolls the kiosk's database (no CA file: a loopback cloud); a refused code throws. */
export async function enrollByCode(
  kiosk: { db: WritableDB; key: DataKey },
  client: CloudClient,
  url: string,
  code: string,
  deviceName: string,
): Promise<Credentials> {
  const enrolled = await enroll({
    db: kiosk.db,
    key: kiosk.key,
    client,
    url,
    caFile: null,
    code,
    deviceName,
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return enrolled.value;
}
