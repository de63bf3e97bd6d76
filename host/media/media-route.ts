/**
 * `GET /media/<sha256>/<thumb|screen>`: the product images the screens show, served by the host
 * from its own origin (web shell and Electron's app protocol alike).
 *
 * Guarantees: read-only (GET and HEAD); the path must match the pattern exactly, so no name from
 * the request reaches the file system (the file comes from the media cache's index by hash, never
 * from the URL: no traversal is expressible); a found image is immutable (`Cache-Control:
 * immutable`), typed by what the cache stored with `nosniff`, not embeddable by other origins
 * (`Cross-Origin-Resource-Policy: same-origin`), and an SVG carries a CSP that forbids scripts
 * and every load; a missing image is a 404 that is not cached (the screen shows its placeholder
 * and asks again once the image has arrived).
 */
import type { MediaCache } from '../../core/media/media-cache';
import { isMediaSize } from '../../core/rules/media/types';

/** What the route needs of the media cache: the file of a hash at a size. */
export type MediaSource = Pick<MediaCache, 'file'>;

export const MEDIA_ROUTE = /^\/media\/([0-9a-f]{64})\/([a-z]+)$/;

export type MediaAnswer =
  | { status: 200; path: string; headers: Record<string, string> }
  | { status: 404 | 405; headers: Record<string, string> };

const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith('/media/');
}

export async function answerMedia(
  media: MediaSource | null,
  method: string,
  pathname: string,
): Promise<MediaAnswer> {
  const base = { 'x-content-type-options': 'nosniff' };
  if (method !== 'GET' && method !== 'HEAD')
    return { status: 405, headers: { ...base, allow: 'GET, HEAD' } };
  const match = MEDIA_ROUTE.exec(pathname);
  const hash = match?.[1];
  const size = match?.[2];
  const file = media && hash && size && isMediaSize(size) ? await media.file(hash, size) : null;
  if (!file) return { status: 404, headers: { ...base, 'cache-control': 'no-store' } };
  return {
    status: 200,
    path: file.path,
    headers: {
      ...base,
      'content-type': file.type,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-security-policy': IMAGE_CSP,
      'cross-origin-resource-policy': 'same-origin',
    },
  };
}
