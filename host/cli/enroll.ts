/**
 * `kiosk enroll <url> <code> [--ca file.pem] [--name "Mirror 3"]`: enrolls this kiosk with the
 * member cloud using the one-time code a supervisor created, and stores the device token sealed
 * with the kiosk's data key. Plain HTTP is refused for anything but loopback.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCloudClient } from '../../sync/cloud-client';
import { enroll } from '../../sync/credentials';
import { createHttpClient } from '../../sync/http-client';
import { exitCodes, type Command } from './io';
import { openKioskStore } from './sync';

const usage = 'usage: kiosk enroll <cloud-url> <one-time-code> [--ca ca.pem] [--name NAME]';

export const enrollCommand: Command = async (argv, io) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ca: { type: 'string' }, name: { type: 'string' } },
  });
  const [url, code, ...extra] = positionals;
  if (!url || !code || extra.length > 0) {
    io.err(usage);
    return exitCodes.usage;
  }
  const caFile = values.ca ? resolve(values.ca) : null;
  const http = createHttpClient({ baseUrl: url, caFile: caFile ?? undefined });
  if (!http.ok) {
    io.err(http.error.message);
    return exitCodes.usage;
  }
  const { db, key } = openKioskStore(io);
  try {
    const result = await enroll({
      db,
      key,
      client: createCloudClient(http.value),
      url,
      caFile,
      code,
      deviceName: values.name ?? hostname(),
    });
    if (!result.ok) {
      const why =
        result.error.code === 'invalid-enrollment-code'
          ? 'the code is unknown, used or expired'
          : result.error.message;
      io.err(`enrollment refused: ${result.error.kind}: ${why}`);
      return exitCodes.failed;
    }
    io.out(`enrolled as ${result.value.deviceId} for store ${result.value.storeId}`);
    return exitCodes.ok;
  } finally {
    http.value.close();
    db.close();
  }
};
