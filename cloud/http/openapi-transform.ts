/**
 * OpenAPI from both kinds of route schema while the kiosk routes still describe themselves with
 * JSON Schema (`doc()`) and the HQ and heartbeat routes with zod (fastify-type-provider-zod): a
 * route whose schema holds a zod type goes through the provider's transform, others unchanged.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

const isZod = (value: unknown) => value instanceof z.ZodType;

export const openapiTransform: SwaggerTransform = (document) => {
  const s = document.schema as Record<string, unknown> | undefined;
  const response = s?.response;
  const usesZod =
    s !== undefined &&
    (['body', 'querystring', 'params', 'headers'].some((k) => isZod(s[k])) ||
      (typeof response === 'object' && response !== null && Object.values(response).some(isZod)));
  return usesZod ? jsonSchemaTransform(document) : { schema: document.schema, url: document.url };
};
