import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy());

  it('limits scripts to our origin with no inline script or eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    const all = contentSecurityPolicy();
    expect(all).not.toContain('unsafe-inline');
    expect(all).not.toContain('unsafe-eval');
    expect(all).not.toContain('*');
  });
  it('forbids plugins, frames, base rewriting and form posts', () => {
    for (const name of [
      'object-src',
      'frame-src',
      'child-src',
      'base-uri',
      'form-action',
      'frame-ancestors',
    ]) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });
  it('lets the camera preview and QR worker use blob: URLs', () => {
    expect(policy.get('media-src')).toContain('blob:');
    expect(policy.get('worker-src')).toContain('blob:');
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });
  it('takes images from our own origin only (the media route), no data: or blob: URL', () => {
    expect(policy.get('img-src')).toEqual(["'self'"]);
  });
});
