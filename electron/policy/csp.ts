/**
 * The Content-Security-Policy sent with every page of the app protocol. Scripts, styles, fonts and
 * connections are our origin only; no eval, no inline script, no plugins, no framing, no forms
 * posting elsewhere. Product images may come from configured HTTPS origins (the brand's CDN).
 */

export interface CspOptions {
  /** Extra HTTPS origins allowed for images, e.g. `https://img.brand.example`. */
  imageOrigins?: readonly string[];
}

/** Only plain `https://host[:port]` origins pass; anything else would widen the policy. */
export function isValidImageOrigin(origin: string): boolean {
  return /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin);
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const images = (options.imageOrigins ?? []).filter(isValidImageOrigin);
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    // React writes style attributes through the CSSOM, which CSP does not restrict; stylesheets
    // come from our origin only.
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...images]],
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
