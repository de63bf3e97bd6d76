/**
 * The Content-Security-Policy sent with every page of the app protocol. Scripts, styles, fonts,
 * images and connections are our origin only; no eval, no inline script, no plugins, no framing,
 * no forms posting elsewhere. Product images come from the kiosk's own media cache, served on the
 * app origin (`kiosk://app/media/…`, docs/media.md), never from a CDN, data: or blob: URL.
 */

export function contentSecurityPolicy(): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    // React writes style attributes through the CSSOM, which CSP does not restrict; stylesheets
    // come from our origin only.
    ['style-src', ["'self'"]],
    ['img-src', ["'self'"]],
    ['media-src', ["'self'", 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
