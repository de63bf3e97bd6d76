/**
 * `npm run cloud -- hq-user add …` asks the running server first (an in-memory PGlite lives only
 * there): this route, behind the admin token like the other /admin routes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HQ_ROLES,
  HqErrorBodySchema,
  HqUserSchema,
  StoreIdSchema,
  UsernameSchema,
} from '../../hq-api';
import { sha256Hex } from '../../auth/secrets';
import { createUser } from '../auth/users';
import type { HqContext } from './context';
import { hqError } from './errors';

export const CreateUserRequestSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().min(1).max(80),
    role: z.enum(HQ_ROLES),
    storeId: StoreIdSchema.nullable(),
    password: z.string().min(10).max(200),
  })
  .meta({ id: 'HqCreateUser' });

function adminTokenMatches(ctx: HqContext, header: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  return timingSafeEqual(
    Buffer.from(sha256Hex(given), 'hex'),
    Buffer.from(sha256Hex(ctx.adminToken), 'hex'),
  );
}

export function registerAdminRoutes(app: FastifyInstance, ctx: HqContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/users',
    {
      schema: {
        summary: 'Create a console user (admin token)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        body: CreateUserRequestSchema,
        response: { 200: HqUserSchema, 400: HqErrorBodySchema, 403: HqErrorBodySchema },
      },
    },
    async (req, reply) => {
      if (!adminTokenMatches(ctx, req.headers.authorization))
        return hqError(reply, 'forbidden', 'admin token required');
      const made = await createUser(ctx.db, req.body, ctx.now());
      return made.ok ? made.value : hqError(reply, 'bad-request', made.error.message);
    },
  );
}
