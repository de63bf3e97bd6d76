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
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  MAX_MEDIA_BATCH_BYTES,
  MediaBatchRequestSchema,
  MediaHashSchema,
  MediaSizeSchema,
  type MediaBatchResponse,
} from '../../sync/protocol';
import { readBlob, readBlobs, readSized } from '../media/catalog-media';
import { authDevice, type AppContext } from './context';
import { sendError } from './errors';
import { bearer, doc } from './schema';

const IMAGE_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
};

function sendImage(reply: FastifyReply, type: string, data: Buffer): FastifyReply {
  return reply.headers(IMAGE_HEADERS).type(type).send(data);
}

const param = (params: unknown, name: string): unknown =>
  params !== null && typeof params === 'object' && name in params
    ? Reflect.get(params, name)
    : undefined;

export function registerMediaRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/v1/media/:hash',
    {
      schema: {
        summary: 'The bytes of a catalog image, by content hash',
        tags: ['media'],
        security: bearer,
      },
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const hash = MediaHashSchema.safeParse(param(req.params, 'hash'));
      const blob = hash.success ? await readBlob(ctx.db, hash.data) : null;
      if (!blob) return sendError(reply, 'not-found', 'no such image');
      return sendImage(reply, blob.type, blob.data);
    },
  );

  app.post(
    '/v1/media/batch',
    {
      schema: {
        summary: 'Catalog images by content hash (base64), up to 64 per request',
        tags: ['media'],
        security: bearer,
        body: doc(MediaBatchRequestSchema),
      },
      bodyLimit: 64 * 1024,
    },
    async (req, reply) => {
      const dev = await authDevice(ctx, req);
      if (!dev.ok) return sendError(reply, dev.code, dev.message);
      const body = MediaBatchRequestSchema.safeParse(req.body);
      if (!body.success) return sendError(reply, 'bad-request', 'hashes: 1 to 64 content hashes');
      const found = await readBlobs(ctx.db, body.data.hashes);
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
      answer.missing = body.data.hashes.filter((h) => !have.has(h));
      return answer;
    },
  );

  const publicImage = async (req: { params: unknown }, reply: FastifyReply) => {
    const hash = MediaHashSchema.safeParse(param(req.params, 'hash'));
    const sizeParam = param(req.params, 'size');
    const size = sizeParam === undefined ? null : MediaSizeSchema.safeParse(sizeParam);
    if (!hash.success || (size && !size.success))
      return sendError(reply, 'not-found', 'no such image');
    const image = size?.success
      ? await readSized(ctx.db, hash.data, size.data)
      : await readBlob(ctx.db, hash.data);
    if (!image) return sendError(reply, 'not-found', 'no such image');
    return sendImage(reply, image.type, image.data);
  };
  const docs = { summary: 'A catalog image (public), as stored or at a size', tags: ['media'] };
  app.get('/media/:hash', { schema: docs }, publicImage);
  app.get('/media/:hash/:size', { schema: docs }, publicImage);
}
