import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoStore } from '../../../test/support/temp';
import { sanitiseSvg } from './svg-sanitize';

const svg = (body: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${body}</svg>`;
const refused = (text: string) => {
  const result = sanitiseSvg(text);
  return result.ok ? null : result.error.message;
};
const cleaned = (text: string) => {
  const result = sanitiseSvg(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('sanitiseSvg', () => {
  it('keeps every demo store image exactly as drawn, and is idempotent', () => {
    const dir = join(demoStore, 'images');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8').trim();
      const once = cleaned(text);
      expect(cleaned(once), file).toBe(once);
      // only empty elements become self-closing: same document
      expect(once.replace(/\/>/g, '>').length, file).toBeLessThanOrEqual(text.length);
      expect(once, file).toContain('<path');
    }
  });

  it.each([
    ['a script element', svg('<script>alert(1)</script>'), /script/],
    ['a script in another namespace prefix', svg('<svg:script>alert(1)</svg:script>'), /script/],
    ['an event handler on the root', svg('<rect/>', ' onload="alert(1)"'), /event handler/],
    ['an event handler hidden in an unknown element', svg('<x><y onclick="a()"/></x>'), /onclick/],
    ['foreignObject', svg('<foreignObject><div>hi</div></foreignObject>'), /foreignObject/],
    ['a style sheet', svg('<style>@import url(http://x/a.css)</style>'), /style sheet/],
    ['a linked image', svg('<image href="http://evil.example/a.png"/>'), /image/],
    ['a link', svg('<a href="javascript:alert(1)"><rect/></a>'), /link/],
    ['animation rewriting an attribute', svg('<set attributeName="href" to="x"/>'), /animation/],
    ['use of another file', svg('<use href="http://evil.example/s.svg#a"/>'), /outside/],
    ['use with xlink to data:', svg('<use xlink:href="data:image/svg+xml,..."/>'), /outside/],
    ['an external paint server', svg('<rect fill="url(https://evil.example/#g)"/>'), /outside/],
    ['an external reference in a style', svg('<rect style="fill:url(//x/y)"/>'), /outside/],
    ['javascript in a value', svg('<rect fill="javascript:x"/>'), /script/],
    ['entities declared in a DOCTYPE', `<!DOCTYPE svg [<!ENTITY x "y">]>${svg('&x;')}`, /DOCTYPE/],
    ['an undeclared entity', svg('<title>&x;</title>'), /entity/],
    ['CDATA', svg('<text><![CDATA[x]]></text>'), /CDATA/],
    ['an xml-stylesheet', `<?xml-stylesheet href="http://x/a.css"?>${svg('')}`, /processing/],
    ['an HTML root', '<html><body><svg/></body></html>', /root element/],
    ['two roots', `${svg('')}${svg('')}`, /two root/],
    ['an unclosed element', '<svg><g><rect/></svg>', /does not close/],
    ['a duplicated attribute', '<svg x="1" x="2"/>', /twice/],
  ])('refuses %s', (_what, text, reason) => {
    expect(refused(text)).toMatch(reason);
  });

  it('drops editor noise, unknown attributes and comments, and adds the SVG namespace', () => {
    const text = `<?xml version="1.0"?><!-- made by hand -->
      <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
      <svg viewBox="0 0 10 10" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">
        <metadata><rdf:RDF><cc:Work/></rdf:RDF></metadata>
        <inkscape:grid/>
        <rect width="10" height="10" data-x="1" inkscape:label="bg" style="fill: #fff; cursor: pointer"/>
        <text x="1" y="5">A &amp; B &#x4E2D;</text>
      </svg>`;
    expect(cleaned(text)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">' +
        '<rect width="10" height="10" style="fill:#fff"/>' +
        '<text x="1" y="5">A &amp; B 中</text></svg>',
    );
  });

  it('keeps references inside the file (use, gradients, clip paths)', () => {
    const text = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient>' +
        '<clipPath id="c"><rect width="5" height="5"/></clipPath></defs>' +
        '<rect id="r" fill="url(#g)" clip-path="url(#c)"/><use xlink:href="#r" x="2"/>',
    );
    const out = cleaned(text);
    expect(out).toContain('fill="url(#g)"');
    expect(out).toContain('<use href="#r" x="2"/>');
  });

  it('escapes what it writes back, so text cannot become markup', () => {
    const out = cleaned(svg('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
    expect(out).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(cleaned(out)).toBe(out);
  });
});
