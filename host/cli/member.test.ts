import { chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../../test/support/temp';
import { openDatabase } from '../../core/store/db';
import { importCommand } from './import';

import { capturedIO, type CapturedIO } from '../../test/support/cli-io';
import { memberCommand } from './member';

let dir: ReturnType<typeof tempDir>;
let cli: CapturedIO;

beforeEach(() => {
  dir = tempDir();
  cli = capturedIO(join(dir.path, 'data'));
});
afterEach(() => dir.remove());

describe('kiosk import + kiosk member erase', () => {
  it('imports every store file with a 0600 key file, then erases one member and queues it', async () => {
    expect(await importCommand([demoStore], cli.io)).toBe(0);
    expect(cli.out).toEqual(expect.arrayContaining(['members.csv: 300 rows, 300 changed']));
    expect(statSync(join(dir.path, 'data', 'keys', 'data.key')).mode & 0o777).toBe(0o600);
    cli.clear();
    expect(await importCommand([demoStore], cli.io)).toBe(0);
    expect(cli.out.at(-1)).toBe('nothing changed');

    cli.clear();
    expect(await memberCommand(['erase', 'M000001'], cli.io)).toBe(0);
    expect(cli.out.join('\n')).toMatch(/erased member M000001/);
    expect(cli.out.join('\n')).toMatch(
      /cloud erasure queued: outbox seq 1 \(requestErasure:M000001\)/,
    );
    expect(cli.out.join('\n')).not.toMatch(/赵萍/);
    const db = openDatabase(join(dir.path, 'data', 'kiosk.db'));
    try {
      expect(db.raw.prepare('SELECT mutation FROM outbox').all()).toEqual([
        { mutation: 'requestErasure' },
      ]);
    } finally {
      db.close();
    }

    cli.clear();
    expect(await memberCommand(['erase', 'M000001'], cli.io)).toBe(1);
    expect(cli.err.join('\n')).toMatch(/was erased at/);
  });

  it('refuses to import with a key file that is not the one the database was sealed with', async () => {
    expect(await importCommand([demoStore], cli.io)).toBe(0);
    const keyFile = join(dir.path, 'data', 'keys', 'data.key');
    rmSync(keyFile);
    cli.clear();
    expect(await importCommand([demoStore], cli.io)).toBe(1);
    expect(cli.err.join('\n')).toMatch(/different data key/);
    chmodSync(keyFile, 0o644);
    cli.clear();
    expect(await importCommand([demoStore], cli.io)).toBe(1);
    expect(cli.err.join('\n')).toMatch(/must not be readable by group or others/);
  });

  it('shows the RFM segment and preferences to staff only for a member who consented', async () => {
    expect(await importCommand([demoStore], cli.io)).toBe(0);
    cli.clear();
    expect(await memberCommand(['show', 'M000003'], cli.io)).toBe(0);
    const consenting = JSON.parse(cli.out[0] ?? '{}');
    expect(consenting).toMatchObject({ member: 'M000003', tier: 'silver', consentProfile: true });
    expect(consenting.rfm).toMatchObject({
      segment: expect.any(String),
      label: { en: expect.any(String) },
    });
    expect(consenting.preferences).toEqual(expect.any(Object));
    expect(JSON.stringify(consenting)).not.toContain('朱娟丽'); // the name is never printed
    cli.clear();
    expect(await memberCommand(['show', 'M000009'], cli.io)).toBe(0); // consent_profile = 0
    expect(JSON.parse(cli.out[0] ?? '{}')).toMatchObject({
      consentProfile: false,
      rfm: null,
      preferences: null,
    });
    expect(await memberCommand(['show', 'M999999'], cli.io)).toBe(1);
  });

  it('answers bad usage with exit code 2', async () => {
    expect(await memberCommand([], cli.io)).toBe(2);
    expect(await memberCommand(['delete', 'M1'], cli.io)).toBe(2);
    expect(cli.err[0]).toMatch(/usage: kiosk member show <member-id> | kiosk member erase/);
  });
});
