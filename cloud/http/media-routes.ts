/**
 * Catalog images over HTTP.
 * - `POST /v1/media/batch` (device token): up to 64 images by hash, as base64 in JSON, the way a
 *   kiosk fetches each image once and checks it against its hash (sync/media-fetch.ts);
 *   `GET /v1/media/:hash` the same for one image, as its bytes.
 * - `GET /media/:hash` and `GET /media/:hash/:size` (public: product pictures are not secret): for
 *   the HQ console and the phone pages on the cloud's own origin; sizes made once (sharp).
 * Every answer is immutable (a changed image is a new hash), typed with `nosniff`, and carries a CSP
 * that lets nothing run or load, so an SVG opened directly is as inert as one in an `<img>`.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorBodySchema,
  MAX_MEDIA_BATCH_BYTES,
  MediaBatchRequestSchema,
  MediaBatchResponseSchema,
  MediaHashSchema,
  MediaSizeSchema,
  type MediaBatchResponse,
} from '../../sync/protocol';
import { readBlob, readBlobs, readSized } from '../media/catalog-media';
import { requireDevice, type AppContext } from './context';
import { sendError } from './errors';

const IMAGE_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
};

function sendImage(reply: FastifyReply, type: string, data: Buffer): FastifyReply {
  return reply.headers(IMAGE_HEADERS).type(type).send(data);
}

// An image that is not there, whatever the address looks like, is a 404 (not a 400): the params
// are bounded strings here and checked against the hash and size formats in the handler.
const ImageParamsSchema = z.object({
  hash: z.string().max(128),
  size: z.string().max(16).optional(),
});
const bearer = [{ bearer: [] }];

export const mediaRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const findImage = async (hashParam: string, sizeParam: string | undefined) => {
    const hash = MediaHashSchema.safeParse(hashParam);
    const size = sizeParam === undefined ? null : MediaSizeSchema.safeParse(sizeParam);
    if (!hash.success || (size && !size.success)) return null;
    return size?.success ? readSized(ctx.db, hash.data, size.data) : readBlob(ctx.db, hash.data);
  };

  app.get(
    '/v1/media/:hash',
    {
      preValidation: requireDevice(ctx),
      schema: {
        summary: 'The bytes of a catalog image, by content hash',
        tags: ['media'],
        security: bearer,
        params: ImageParamsSchema.pick({ hash: true }),
      },
    },
    async (req, reply) => {
      const blob = await findImage(req.params.hash, undefined);
      if (!blob) return sendError(reply, 'not-found', 'no such image');
      return sendImage(reply, blob.type, blob.data);
    },
  );

  app.post(
    '/v1/media/batch',
    {
      preValidation: requireDevice(ctx),
      schema: {
        summary: 'Catalog images by content hash (base64), up to 64 per request',
        tags: ['media'],
        security: bearer,
        body: MediaBatchRequestSchema,
        response: { 200: MediaBatchResponseSchema, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
      bodyLimit: 64 * 1024,
    },
    async (req) => {
      const found = await readBlobs(ctx.db, req.body.hashes);
      const answer: MediaBatchResponse = { images: [], missing: [] };
      let bytes = 0;
      for (const blob of found) {
        // past the budget the rest is left out; the kiosk asks for it again
        if (answer.images.length > 0 && bytes + blob.data.length > MAX_MEDIA_BATCH_BYTES) break;
        bytes += blob.data.length;
        answer.images.push({
          hash: blob.hash,
          type: blob.type,
          base64: blob.data.toString('base64'),
        });
      }
      const have = new Set(found.map((b) => b.hash));
      answer.missing = req.body.hashes.filter((h) => !have.has(h));
      return answer;
    },
  );

  const docs = { summary: 'A catalog image (public), as stored or at a size', tags: ['media'] };
  app.get(
    '/media/:hash',
    { schema: { ...docs, params: ImageParamsSchema.pick({ hash: true }) } },
    async (req, reply) => {
      const image = await findImage(req.params.hash, undefined);
      if (!image) return sendError(reply, 'not-found', 'no such image');
      return sendImage(reply, image.type, image.data);
    },
  );
  app.get(
    '/media/:hash/:size',
    { schema: { ...docs, params: ImageParamsSchema.required() } },
    async (req, reply) => {
      const image = await findImage(req.params.hash, req.params.size);
      if (!image) return sendError(reply, 'not-found', 'no such image');
      return sendImage(reply, image.type, image.data);
    },
  );
};
