/**
 * Issue 16 item 6: routes declare zod schemas through fastify-type-provider-zod. Requests are
 * validated before the handler (after the bearer check), refusals keep the protocol's error body
 * with a readable message, the OpenAPI at /docs comes from the same schemas, and a plugin that sets
 * the zod compilers itself (the HQ API) works under the global setup.
 */
import {
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
} from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EnrollResponse } from '../../sync/protocol';
import { secondInstance, startCloud, type Cloud } from './harness';
import { cloudWithDevice } from './hooks';

describe('cloud routes through the zod type provider', () => {
  let cloud: Cloud;
  let dev: EnrollResponse;
  cloudWithDevice(
    () => startCloud('pglite'),
    (c, d) => ((cloud = c), (dev = d)),
  );

  const pushBody = (payload: unknown, token: string | null = dev.token) =>
    cloud.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    });

  it('refuses a bad body as bad-request with a readable message, after the bearer check', async () => {
    const bad = await pushBody({ deviceId: dev.deviceId, epoch: 'e1', mutations: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: { code: 'bad-request', message: expect.stringMatching(/^body: ✖ .*→ at mutations/) },
    });
    const seq = await pushBody({
      deviceId: dev.deviceId,
      epoch: 'e1',
      mutations: [{ seq: 3_000_000_000, key: 'k', name: 'n', version: 1, args: {}, hlc: 'x' }],
    });
    expect(seq.json().error.message).toMatch(/mutations\[0\]\.seq/);
    expect(seq.json().error.message).toMatch(/mutations\[0\]\.hlc/);
    expect((await pushBody({ mutations: [] }, null)).statusCode).toBe(401);
    const notJson = await cloud.app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/json' },
      payload: '{"deviceId":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('bad-request');
    const stream = await cloud.app.inject({
      method: 'GET',
      url: '/v1/pull/secrets',
      headers: { authorization: `Bearer ${dev.token}` },
    });
    expect(stream.json()).toEqual({ error: { code: 'unknown-stream', message: 'unknown stream' } });
    const limit = await cloud.app.inject({
      method: 'GET',
      url: '/v1/pull/catalog?limit=999999',
      headers: { authorization: `Bearer ${dev.token}` },
    });
    expect(limit.json().error).toMatchObject({ code: 'bad-request', message: /^querystring: / });
  });

  it('documents every route from its zod schemas at /docs', async () => {
    const doc = (await cloud.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    const lookup = JSON.stringify(doc.paths['/v1/members/lookup']?.post);
    expect(lookup).toContain('"cardNo"');
    expect(lookup).toContain('^[0-9]{12,19}$');
    expect(doc.paths['/v1/members/lookup']?.get).toBeUndefined();
    const push = JSON.stringify(doc.paths['/v1/push']?.post);
    expect(push).toContain('"maximum":2147483647');
    expect(push).toContain('"presence"');
    expect(JSON.stringify(doc.paths['/v1/pull/{stream}']?.get)).toContain('"catalog"');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/enroll', '/v1/token/rotate', '/admin/enrollment-codes']),
    );
  });

  it('serves a plugin that sets the zod compilers itself, with the same errors and docs', async () => {
    const instance = await secondInstance(cloud);
    const hq: FastifyPluginAsyncZod = async (app) => {
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      app.get(
        '/hq/v1/echo',
        {
          schema: {
            querystring: z.object({ n: z.coerce.number().int().max(5) }),
            response: { 200: z.object({ twice: z.number() }) },
          },
        },
        async (req) => ({ twice: req.query.n * 2 }),
      );
    };
    try {
      await instance.app.register(hq);
      const ok = await instance.app.inject({ method: 'GET', url: '/hq/v1/echo?n=2' });
      expect(ok.json()).toEqual({ twice: 4 });
      const bad = await instance.app.inject({ method: 'GET', url: '/hq/v1/echo?n=9' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'bad-request', message: /querystring: .*n/ });
      const doc = (await instance.app.inject({ method: 'GET', url: '/docs/json' })).json<{
        paths: Record<string, unknown>;
      }>();
      expect(JSON.stringify(doc.paths['/hq/v1/echo'])).toContain('"maximum":5');
    } finally {
      await instance.close();
    }
  });
});
