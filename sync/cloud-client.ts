/**
 * The member cloud API as typed calls over the HTTP client. Every answer is validated with the
 * protocol's zod schema; an answer that does not match is a `bad-answer` error, never trusted.
 */
import type { z } from 'zod';
import { formatZodError } from '../common/result';
import {
  EnrollResponseSchema,
  MediaBatchResponseSchema,
  HeartbeatResponseSchema,
  type HeartbeatRequest,
  type HeartbeatResponse,
  MemberLookupResponseSchema,
  PullPageSchema,
  PushResponseSchema,
  RotateTokenResponseSchema,
  type EnrollResponse,
  type MediaBatchResponse,
  type MemberLookupRequest,
  type MemberLookupResponse,
  type PullPage,
  type PushRequest,
  type PushResponse,
  type RotateTokenResponse,
  type StreamName,
} from './protocol';
import { readBulkPage, type BulkPage } from './bulk-page';
import type { HttpClient, HttpResult } from './http-client';

export interface CloudClient {
  enroll(code: string, deviceName: string): Promise<HttpResult<EnrollResponse>>;
  rotate(token: string): Promise<HttpResult<RotateTokenResponse>>;
  push(token: string, body: PushRequest): Promise<HttpResult<PushResponse>>;
  pull(
    token: string,
    stream: StreamName,
    cursor: string | null,
    limit?: number,
  ): Promise<HttpResult<PullPage>>;
  /** A big NDJSON page (`/v1/pull/{stream}/bulk`); a server without it answers `http-4xx` 404. */
  pullBulk(
    token: string,
    stream: StreamName,
    cursor: string | null,
    limit?: number,
  ): Promise<HttpResult<BulkPage>>;
  /** A member by the credential the shopper presented (POST body); null when the cloud has none. */
  lookupMember(
    token: string,
    by: MemberLookupRequest,
  ): Promise<HttpResult<MemberLookupResponse | null>>;
  /** Catalog images by content hash (the caller checks every one, media-fetch.ts). */
  mediaBatch(token: string, hashes: string[]): Promise<HttpResult<MediaBatch>>;
  /** The kiosk's health for the HQ fleet view (optional: test doubles may leave it out). */
  heartbeat?(token: string, body: HeartbeatRequest): Promise<HttpResult<HeartbeatResponse>>;
  close(): void;
}

export interface MediaBatch {
  images: Array<{
    hash: string;
    type: MediaBatchResponse['images'][number]['type'];
    bytes: Buffer;
  }>;
  missing: string[];
}

function validated<S extends z.ZodType>(
  schema: S,
  result: HttpResult<unknown>,
): HttpResult<z.infer<S>> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: {
      kind: 'bad-answer',
      message: `answer does not match the protocol: ${formatZodError(parsed.error).slice(0, 300)}`,
    },
  };
}

const PageHeadSchema = PullPageSchema.omit({ rows: true });

/**
 * A pull page, checked like PullPageSchema but with the rows' shape checked by hand: zod's
 * recursive JSON check costs more than applying the row, and the page checksum covers the content.
 */
function validatedPage(result: HttpResult<unknown>): HttpResult<PullPage> {
  if (!result.ok) return result;
  const body = result.value as { rows?: unknown } | null;
  const head = PageHeadSchema.safeParse(body);
  const rows = body?.rows;
  const rowsOk =
    Array.isArray(rows) &&
    rows.every((r: { key?: unknown; op?: unknown; data?: unknown } | null) => {
      if (r === null || typeof r !== 'object' || typeof r.key !== 'string') return false;
      if (r.op === 'delete') return r.data === null;
      return (
        r.op === 'upsert' && r.data !== null && typeof r.data === 'object' && !Array.isArray(r.data)
      );
    });
  if (head.success && rowsOk)
    return { ok: true, value: { ...head.data, rows: rows as PullPage['rows'] } };
  return {
    ok: false,
    error: { kind: 'bad-answer', message: 'pull page does not match the protocol' },
  };
}

export function createCloudClient(http: HttpClient): CloudClient {
  return {
    async enroll(code, deviceName) {
      const res = await http.request({
        method: 'POST',
        path: '/v1/enroll',
        body: { code, deviceName },
      });
      return validated(EnrollResponseSchema, res);
    },
    async rotate(token) {
      const res = await http.request({ method: 'POST', path: '/v1/token/rotate', body: {}, token });
      return validated(RotateTokenResponseSchema, res);
    },
    async push(token, body) {
      const res = await http.request({ method: 'POST', path: '/v1/push', body, token });
      return validated(PushResponseSchema, res);
    },
    async pull(token, stream, cursor, limit) {
      const q = new URLSearchParams();
      if (cursor) q.set('cursor', cursor);
      if (limit) q.set('limit', String(limit));
      const res = await http.request({
        method: 'GET',
        path: `/v1/pull/${stream}?${q.toString()}`,
        token,
      });
      return validatedPage(res);
    },
    async pullBulk(token, stream, cursor, limit) {
      const q = new URLSearchParams();
      if (cursor) q.set('cursor', cursor);
      if (limit) q.set('limit', String(limit));
      const res = await http.requestBytes({
        method: 'GET',
        path: `/v1/pull/${stream}/bulk?${q.toString()}`,
        token,
      });
      return res.ok ? readBulkPage(res.value) : res;
    },
    async lookupMember(token, by) {
      // The credential travels in the body: never in a URL, so never in an access log.
      const res = await http.request({
        method: 'POST',
        path: '/v1/members/lookup',
        body: by,
        token,
      });
      if (!res.ok && res.error.code === 'member-not-found') return { ok: true, value: null };
      return validated(MemberLookupResponseSchema, res);
    },
    async mediaBatch(token, hashes) {
      const res = await http.request({
        method: 'POST',
        path: '/v1/media/batch',
        body: { hashes },
        token,
      });
      const parsed = validated(MediaBatchResponseSchema, res);
      if (!parsed.ok) return parsed;
      return {
        ok: true,
        value: {
          images: parsed.value.images.map((i) => ({
            hash: i.hash,
            type: i.type,
            bytes: Buffer.from(i.base64, 'base64'),
          })),
          missing: parsed.value.missing,
        },
      };
    },
    async heartbeat(token, body) {
      const res = await http.request({ method: 'POST', path: '/v1/heartbeat', body, token });
      return validated(HeartbeatResponseSchema, res);
    },
    close: () => http.close(),
  };
}
