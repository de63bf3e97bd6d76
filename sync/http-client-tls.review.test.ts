/**
 * Review of issue 11: the kiosk's HTTP client never accepts a bad certificate from the cloud. A real
 * HTTPS server on loopback presents certificates made here with openssl: one from a CA the client
 * trusts (the control), then a self-signed one, one for another host and an expired one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

function newKey(name: string): void {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name);
}

/** A leaf certificate for `san`, signed by `ca` (or by itself when `ca` is null), valid `days`. */
function leaf(name: string, san: string, ca: string | null, days: number): void {
  newKey(`${name}.key`);
  writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', '/CN=kiosk-cloud', '-out', `${name}.csr`);
  const signer = ca ? ['-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial'] : [];
  const self = ca ? [] : ['-signkey', `${name}.key`];
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    ...signer,
    ...self,
    '-days',
    String(days),
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
}

const servers: https.Server[] = [];

async function serve(name: string): Promise<string> {
  const server = https.createServer(
    { key: readFileSync(file(`${name}.key`)), cert: readFileSync(file(`${name}.pem`)) },
    (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  newKey('ca.key');
  openssl(
    'req',
    '-x509',
    '-key',
    'ca.key',
    '-subj',
    '/CN=Review CA',
    '-days',
    '2',
    '-out',
    'ca.pem',
  );
  leaf('good', 'IP:127.0.0.1', 'ca', 2);
  leaf('self', 'IP:127.0.0.1', null, 2);
  leaf('other-host', 'DNS:members.example.com', 'ca', 2);
  leaf('expired', 'IP:127.0.0.1', 'ca', -1);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

async function get(name: string) {
  const made = createHttpClient({ baseUrl: await serve(name), caFile: file('ca.pem') });
  if (!made.ok) throw new Error(made.error.message);
  try {
    return await made.value.request({ method: 'GET', path: '/v1/health', token: 'device-token' });
  } finally {
    made.value.close();
  }
}

describe('the kiosk HTTP client and the cloud certificate', () => {
  it('accepts a certificate from the trusted CA for the right host (control)', async () => {
    expect(await get('good')).toEqual({ ok: true, value: { ok: 1 } });
  });

  it.each([
    ['a self-signed certificate', 'self', /SELF_SIGNED|self.signed/i],
    ['a certificate for another host', 'other-host', /ALTNAME|altnames|HOSTNAME/i],
    ['an expired certificate', 'expired', /EXPIRED/i],
  ])('refuses %s as a tls error', async (_what, name, reason) => {
    const answer = await get(name);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe('tls');
    expect(answer.error.message).toMatch(reason);
  });

  it('refuses a self-signed certificate also without a CA file (public roots only)', async () => {
    const made = createHttpClient({ baseUrl: await serve('self') });
    if (!made.ok) throw new Error(made.error.message);
    const answer = await made.value.request({ method: 'GET', path: '/v1/health' });
    made.value.close();
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.kind).toBe('tls');
  });
});
