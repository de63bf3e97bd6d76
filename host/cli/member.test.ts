import { chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStore, tempDir } from '../../test/support/temp';
import { openDatabase } from '../../core/store/db';
import { importCommand } from './import';
import type { CliIO } from './io';
import { memberCommand } from './member';

let dir: ReturnType<typeof tempDir>;
let out: string[];
let err: string[];
let io: CliIO;

beforeEach(() => {
  dir = tempDir();
  out = [];
  err = [];
  io = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { KIOSK_DATA_DIR: join(dir.path, 'data') },
    stdin: Readable.from([]),
  };
});
afterEach(() => dir.remove());

describe('kiosk import + kiosk member erase', () => {
  it('imports every store file with a 0600 key file, then erases one member and queues it', async () => {
    expect(await importCommand([demoStore], io)).toBe(0);
    expect(out).toEqual(expect.arrayContaining(['members.csv: 300 rows, 300 changed']));
    expect(statSync(join(dir.path, 'data', 'keys', 'data.key')).mode & 0o777).toBe(0o600);
    out = [];
    expect(await importCommand([demoStore], io)).toBe(0);
    expect(out.at(-1)).toBe('nothing changed');

    out = [];
    expect(await memberCommand(['erase', 'M000001'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/erased member M000001/);
    expect(out.join('\n')).toMatch(/cloud erasure queued: outbox seq 1 \(requestErasure:M000001\)/);
    expect(out.join('\n')).not.toMatch(/赵萍/);
    const db = openDatabase(join(dir.path, 'data', 'kiosk.db'));
    try {
      expect(db.raw.prepare('SELECT mutation FROM outbox').all()).toEqual([
        { mutation: 'requestErasure' },
      ]);
    } finally {
      db.close();
    }

    err = [];
    expect(await memberCommand(['erase', 'M000001'], io)).toBe(1);
    expect(err.join('\n')).toMatch(/was erased at/);
  });

  it('refuses to import with a key file that is not the one the database was sealed with', async () => {
    expect(await importCommand([demoStore], io)).toBe(0);
    const keyFile = join(dir.path, 'data', 'keys', 'data.key');
    rmSync(keyFile);
    err = [];
    expect(await importCommand([demoStore], io)).toBe(1);
    expect(err.join('\n')).toMatch(/different data key/);
    chmodSync(keyFile, 0o644);
    err = [];
    expect(await importCommand([demoStore], io)).toBe(1);
    expect(err.join('\n')).toMatch(/must not be readable by group or others/);
  });

  it('shows the RFM segment and preferences to staff only for a member who consented', async () => {
    expect(await importCommand([demoStore], io)).toBe(0);
    out = [];
    expect(await memberCommand(['show', 'M000003'], io)).toBe(0);
    const consenting = JSON.parse(out[0] ?? '{}');
    expect(consenting).toMatchObject({ member: 'M000003', tier: 'silver', consentProfile: true });
    expect(consenting.rfm).toMatchObject({
      segment: expect.any(String),
      label: { en: expect.any(String) },
    });
    expect(consenting.preferences).toEqual(expect.any(Object));
    expect(JSON.stringify(consenting)).not.toContain('朱娟丽'); // the name is never printed
    out = [];
    expect(await memberCommand(['show', 'M000009'], io)).toBe(0); // consent_profile = 0
    expect(JSON.parse(out[0] ?? '{}')).toMatchObject({
      consentProfile: false,
      rfm: null,
      preferences: null,
    });
    expect(await memberCommand(['show', 'M999999'], io)).toBe(1);
  });

  it('answers bad usage with exit code 2', async () => {
    expect(await memberCommand([], io)).toBe(2);
    expect(await memberCommand(['delete', 'M1'], io)).toBe(2);
    expect(err[0]).toMatch(/usage: kiosk member show <member-id> | kiosk member erase/);
  });
});
