import { z } from 'zod';
import { ErrorBodySchema } from '../../sync/protocol';

/** JSON Schema (OpenAPI 3.0 flavour) of a zod schema, for the OpenAPI document only. */
export function doc(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

export const errorDoc = doc(ErrorBodySchema);
export const bearer = [{ bearer: [] }];
