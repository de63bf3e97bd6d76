import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  appOrigin,
  contentTypeFor,
  originOf,
  resolveAppRequest,
  staffOrigin,
} from './app-protocol';

const root = resolve('/srv/kiosk/dist/renderer');
const roots = { app: root, staff: resolve('/srv/kiosk/dist-electron/staff-exit') };

describe('originOf', () => {
  it('computes the origin of our custom scheme (Node reports "null" for it)', () => {
    expect(originOf(appEntryUrl)).toBe(appOrigin);
    expect(originOf('kiosk://staff/index.html')).toBe(staffOrigin);
    expect(originOf('https://Example.com:8443/a?b')).toBe('https://example.com:8443');
  });
  it('returns null for URLs without an origin or that do not parse', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf(null)).toBeNull();
  });
});

describe('resolveAppRequest', () => {
  it('serves files under the root of the host', () => {
    expect(resolveAppRequest('kiosk://app/assets/index-abc.js', roots)).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });
  it('maps the bare origin to index.html and ignores query and hash', () => {
    expect(resolveAppRequest('kiosk://app/', roots)).toMatchObject({
      path: join(root, 'index.html'),
    });
    expect(resolveAppRequest('kiosk://app/index.html?x=1#y', roots)).toMatchObject({
      path: join(root, 'index.html'),
    });
  });
  it.each([
    'kiosk://app/..%2F..%2Fetc%2Fpasswd',
    'kiosk://app/assets/..%2F..%2F..%2Fsecret',
    'kiosk://app/a%5C..%5C..%5Csecret',
    'kiosk://app/a%00.html',
  ])('refuses path traversal %s', (url) => {
    expect(resolveAppRequest(url, roots)).toEqual({ kind: 'refused', status: 403 });
  });
  it('keeps plain ".." segments inside the root (the URL parser resolves them first)', () => {
    for (const url of ['kiosk://app/../../etc/passwd', 'kiosk://app/%2e%2e/%2e%2e/etc/passwd']) {
      expect(resolveAppRequest(url, roots)).toMatchObject({
        kind: 'file',
        path: join(root, 'etc', 'passwd'),
      });
    }
  });
  it.each([
    ['kiosk://evil/index.html', 'GET', 404],
    ['kiosk://__proto__/x', 'GET', 404],
    ['file:///etc/passwd', 'GET', 400],
    ['kiosk://app/%E0%A4%A', 'GET', 400],
    ['kiosk://app/index.html', 'POST', 405],
  ])(
    'refuses unknown hosts, other schemes, bad escapes and non-GET methods: %s %s',
    (url, method, status) => {
      expect(resolveAppRequest(url, roots, method)).toEqual({ kind: 'refused', status });
    },
  );
  it('gives every asset type a content type', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('A.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('blob.bin')).toBe('application/octet-stream');
  });
});
