/**
 * Review of issue 11 item 5 at the most verbose log level: hostile and broken requests (credentials
 * in a query string, in malformed JSON, in an oversized body, in a header of a request the HTTP
 * parser refuses, a wrong admin token, a push with a member's phone and name, invalid arguments)
 * leave no credential or personal value in any cloud log line, at level trace.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../sync/protocol';
import { capturedLogger, createCode, env, startCloud, type Cloud } from './harness';

const CARD = '6280000000000024';
const QR = 'MBR1.2Y39L8JLKFUCVUMVXU9W';
const PHONE = '13987659876';
const NAME = '测试隐私名';

describe('cloud log lines under hostile requests (trace level)', () => {
  let cloud: Cloud;
  const captured = capturedLogger('trace');
  const lines = captured.lines;
  let dev: EnrollResponse;
  let code = '';
  beforeAll(async () => {
    cloud = await startCloud('pglite', { app: { logger: captured.logger } });
    code = await createCode(cloud, 'S001');
    const res = await cloud.app.inject({
      method: 'POST',
      url: '/v1/enroll',
      payload: { code, deviceName: 'kiosk' },
    });
    dev = res.json();
  });
  afterAll(async () => cloud.close());

  it('holds none of the values used', async () => {
    const auth = { authorization: `Bearer ${dev.token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const requests = [
      { method: 'GET', url: `/v1/members/lookup?cardNo=${CARD}&qrToken=${QR}`, headers: auth },
      {
        method: 'POST',
        url: '/v1/members/lookup',
        headers: json,
        payload: `{"cardNo":"${CARD}",}`,
      },
      { method: 'POST', url: '/v1/members/lookup', headers: json, payload: `{"qrToken":"${QR}"` },
      { method: 'POST', url: '/v1/members/lookup', headers: json, payload: `{"cardNo":${CARD}}` },
      {
        method: 'POST',
        url: '/v1/members/lookup',
        headers: json,
        payload: `{"cardNo":"${CARD}","pad":"${'x'.repeat(2_000_000)}"}`,
      },
      { method: 'POST', url: `/v1/members/lookup/${CARD}`, headers: json, payload: '{}' },
      {
        method: 'POST',
        url: '/admin/enrollment-codes',
        headers: { authorization: `Bearer ${QR}` },
        payload: { storeId: 'S001' },
      },
      { method: 'POST', url: '/v1/enroll', payload: { code: `${code}X`, deviceName: PHONE } },
      { method: 'POST', url: '/v1/enroll', payload: { code, deviceName: NAME } },
    ] as const;
    for (const r of requests) await cloud.app.inject(r);
    const push = (args: unknown, name = 'registerMember') =>
      cloud.app.inject({
        method: 'POST',
        url: '/v1/push',
        headers: auth,
        payload: {
          deviceId: dev.deviceId,
          epoch: 'e1',
          mutations: [{ ...env(0, name, args), seq }],
        },
      });
    let seq = 0;
    const member = {
      provisionalId: 'PRV-LOG-1',
      name: NAME,
      phone: PHONE,
      gender: null,
      birthday: null,
      consentProfile: true,
      consentMarketing: false,
    };
    seq++;
    expect((await push(member)).statusCode).toBe(200);
    seq++;
    await push({
      ...member,
      provisionalId: 'PRV-LOG-2',
      phone: `${PHONE}abc`,
      name: `${NAME}${'x'.repeat(200)}`,
    });
    seq++;
    await push(
      { redemptionId: 'R1', couponCode: CARD, memberId: QR, saleId: null, discountCents: -1 },
      'redeemCoupon',
    );

    // a request the HTTP parser refuses, on a real socket
    await cloud.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = cloud.app.server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.end(
          `GET /v1/members/lookup?cardNo=${CARD} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${dev.token}\r\nBad Header ${QR}\r\n\r\n`,
        ),
      );
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });

    const text = lines.join('');
    expect(text).toContain('/v1/members/lookup'); // the log was on
    expect(text).toContain('"statusCode":400');
    expect(text).toContain('/v1/push');
    const secrets = [
      CARD,
      QR,
      PHONE,
      PHONE.slice(-8),
      NAME,
      dev.token,
      dev.token.slice(3, 20),
      code,
    ];
    for (const secret of secrets)
      expect(
        lines.filter((l) => l.includes(secret)).map((l) => l.slice(0, 400)),
        secret.slice(0, 8),
      ).toEqual([]);
  });
});
