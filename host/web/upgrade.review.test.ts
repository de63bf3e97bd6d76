/**
 * Review of issue 11 item 2, beyond server.test.ts: the WebSocket upgrade tried with the token in
 * other places (query string, a header of its own, a cookie, a second subprotocol), in other
 * spellings (case, length, padding), with an old start's token, and with Origin and Host forms a
 * hostile page or process could choose ("null", userinfo, https, a look-alike host). A real kiosk
 * host on the demo store behind the real web shell; raw sockets choose every byte of the upgrade.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeProtocol, clientProtocols, tokenProtocolPrefix } from '../../bridge/wire';
import { bridgeUrl, rawBridgeSocket, tokenOf } from '../../test/support/bridge-client';
import { useDemoWebShell } from '../../test/support/web-shell';
import { startWebShell } from './server';

const web = useDemoWebShell({ role: 'mirror' });
const rendererDir = web.rendererDir;

const origin = web.origin;
const token = () => tokenOf(web.shell.url);

async function status(o: { protocols?: string[]; origin?: string }, url = web.shell.url) {
  const outcome = await rawBridgeSocket(url, o);
  if (outcome.socket) web.keep(outcome.socket);
  return outcome.status;
}

/** An upgrade with exactly these headers (raw HTTP: nothing added or normalised by a client). */
function rawUpgrade(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: web.shell.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

describe('where the token may ride', () => {
  it('is refused in the query string, a header of its own, a cookie or the Authorization header', async () => {
    const t = token();
    const base = { Host: `127.0.0.1:${web.shell.port}`, Origin: origin() };
    const proto = { 'Sec-WebSocket-Protocol': bridgeProtocol };
    expect(await rawUpgrade(`/bridge?t=${t}`, { ...base, ...proto })).toBe(401);
    expect(await rawUpgrade(`/bridge#t=${t}`, { ...base, ...proto })).toBe(401);
    expect(await rawUpgrade('/bridge', { ...base, ...proto, 'X-Kiosk-Token': t })).toBe(401);
    expect(await rawUpgrade('/bridge', { ...base, ...proto, Cookie: `t=${t}` })).toBe(401);
    expect(await rawUpgrade('/bridge', { ...base, ...proto, Authorization: `Bearer ${t}` })).toBe(
      401,
    );
    // control: the same raw upgrade with the token as the subprotocol opens
    const both = { 'Sec-WebSocket-Protocol': clientProtocols(t).join(', ') };
    expect(await rawUpgrade('/bridge', { ...base, ...both })).toBe(101);
  });

  it('is refused in another spelling: case, a prefix or suffix, padding, half, empty', async () => {
    const t = token();
    const variants = [
      t.toUpperCase(),
      t.toLowerCase(),
      `${t}=`,
      ` ${t}`,
      t.slice(0, 22),
      t.slice(1),
      `${t}${t}`,
      '',
      Buffer.from(t, 'base64url').toString('base64'),
      Buffer.from(t, 'base64url').toString('hex'),
    ].filter((v) => v.trim() !== t);
    const base = { Host: `127.0.0.1:${web.shell.port}`, Origin: origin() };
    for (const v of variants) {
      const protocols = `${bridgeProtocol}, ${tokenProtocolPrefix}${v}`;
      expect(await rawUpgrade('/bridge', { ...base, 'Sec-WebSocket-Protocol': protocols }), v).toBe(
        401,
      );
    }
    const upper = tokenProtocolPrefix.toUpperCase();
    expect(await status({ protocols: [bridgeProtocol, `${upper}${t}`], origin: origin() })).toBe(
      401,
    );
  });

  it('counts only the first token offered: a wrong one first is not saved by a right one after', async () => {
    const t = token();
    const protocols = [bridgeProtocol, `${tokenProtocolPrefix}wrong`, `${tokenProtocolPrefix}${t}`];
    expect(await status({ protocols, origin: origin() })).toBe(401);
  });

  it("is refused with an earlier start's token, on a new start of the same host", async () => {
    const old = token();
    const next = await startWebShell({ bridge: web.host.bridge, rendererDir, port: 0 });
    try {
      expect(tokenOf(next.url)).not.toBe(old);
      const nextOrigin = new URL(next.url).origin;
      expect(await status({ protocols: clientProtocols(old), origin: nextOrigin }, next.url)).toBe(
        401,
      );
      expect(
        await status(
          { protocols: clientProtocols(tokenOf(next.url)), origin: nextOrigin },
          next.url,
        ),
      ).toBe(101);
    } finally {
      web.terminateKept();
      await next.close();
    }
  });
});

describe('Origin and Host a hostile page or process could send', () => {
  it('refuses null, https, userinfo, look-alike and port-less origins even with the token', async () => {
    const port = web.shell.port;
    const origins = [
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
      `http://evil.example@127.0.0.1:${port}`.replace('@127.0.0.1', '.127.0.0.1'),
      `http://127.0.0.1`,
      `http://127.0.0.2:${port}`,
      `http://0.0.0.0:${port}`,
      `file://`,
      `chrome-extension://abcdefghijklmnop`,
      `ws://127.0.0.1:${port}`,
      '',
    ];
    for (const o of origins)
      expect(await status({ protocols: clientProtocols(token()), origin: o }), o).toBe(403);
  });

  it('refuses a rebinding Host even with the right Origin and token', async () => {
    const t = token();
    const protocols = { 'Sec-WebSocket-Protocol': clientProtocols(t).join(', ') };
    const hosts = [
      'evil.example',
      `evil.example:${web.shell.port}`,
      `127.0.0.1:${web.shell.port + 1}`,
    ];
    for (const h of hosts)
      expect(await rawUpgrade('/bridge', { Host: h, Origin: origin(), ...protocols }), h).toBe(403);
  });

  it('serves the page itself to no foreign Host either (rebinding reads nothing)', async () => {
    const answer = await new Promise<number>((resolve) => {
      request({
        host: '127.0.0.1',
        port: web.shell.port,
        path: '/',
        headers: { Host: 'evil.example' },
      })
        .on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .end();
    });
    expect(answer).toBe(421);
  });

  it('does not echo the token back in the handshake answer', async () => {
    const socket = new WebSocket(bridgeUrl(web.shell.url), clientProtocols(token()), {
      origin: origin(),
    });
    web.keep(socket);
    const headers = await new Promise<Record<string, unknown>>((resolve) =>
      socket.once('upgrade', (res) => resolve(res.headers)),
    );
    expect(JSON.stringify(headers)).not.toContain(token());
    expect(headers['sec-websocket-protocol']).toBe(bridgeProtocol);
  });
});
