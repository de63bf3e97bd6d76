/**
 * Review of the SVG allow-list against the known XSS and external-reference vectors: every
 * refusal case here once passed the sanitiser (an outside load kept in its output, or an output
 * a browser cannot parse), and every kept case is a valid drawing that must stay kept.
 */
import { describe, expect, it } from 'vitest';
import { sanitiseSvg } from './svg-sanitize';

const svg = (body: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attrs}>${body}</svg>`;
const refused = (text: string) => {
  const result = sanitiseSvg(text);
  return result.ok ? `kept: ${result.value}` : result.error.message;
};
const cleaned = (text: string) => {
  const result = sanitiseSvg(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('sanitiseSvg against outside references hidden in CSS values', () => {
  it.each([
    ['an unclosed url( in a style', svg('<rect style="mask:url(//evil.example/x"/>')],
    ['an unclosed url( in a presentation attribute', svg('<rect fill="url(//evil.example/x"/>')],
    ['an unclosed url( after a newline', svg('<rect style="fill:red;&#10;mask:url(//e/x"/>')],
    ['image-set( in a style', svg(`<rect style="mask:image-set('//evil.example/x.png' 1x)"/>`)],
    ['image-set( in an attribute', svg(`<rect mask="image-set('//evil.example/x.png' 1x)"/>`)],
    [
      '-webkit-image-set( with entity quotes',
      svg('<rect style="mask:-webkit-image-set(&quot;//evil.example/x.png&quot; 1x)"/>'),
    ],
    ['src( in a style', svg(`<rect style="mask:src('//evil.example/x.png')"/>`)],
    ['URL( in capitals', svg('<rect fill="URL(//evil.example/x)"/>')],
    ['url with a space before (', svg('<rect fill="url (//evil.example/x)"/>')],
  ])('refuses %s', (_what, text) => {
    expect(refused(text)).toMatch(/refers outside the file/);
  });

  it('keeps local references, quoted or not, colours and transforms', () => {
    const out = cleaned(
      svg(
        `<rect fill="url('#g')" stroke="rgb(1, 2, 3)" transform="translate(1 2) rotate(45) skewX(3)"` +
          ` style="fill:url(&quot;#g&quot;);stroke:hsla(1,2%,3%,0.5)"/>`,
      ),
    );
    expect(out).toContain(`fill="url('#g')"`);
    expect(out).toContain('transform="translate(1 2) rotate(45) skewX(3)"');
    expect(cleaned(out)).toBe(out);
  });
});

describe('sanitiseSvg writes only well-formed XML (a browser would show a broken image)', () => {
  it('writes href once when a <use> has both href and xlink:href (SVG 2: href wins)', () => {
    const out = cleaned(svg('<rect id="a"/><rect id="b"/><use xlink:href="#a" href="#b"/>'));
    expect(out).toContain('<use href="#b"/>');
    // idempotent: a kiosk re-checks the cloud's copy and must get the same bytes
    expect(cleaned(out)).toBe(out);
    expect(cleaned(svg('<rect id="a"/><use href="#a" xlink:href="#a"/>'))).toContain(
      '<use href="#a"/>',
    );
  });

  it.each([
    ['a NUL', '\u0000'],
    ['a control character', '\u0001'],
    ['a form feed', '\u000c'],
    ['U+FFFE', '\ufffe'],
  ])('refuses %s in text', (_what, char) => {
    expect(refused(svg(`<title>a${char}b</title>`))).toMatch(/character XML does not allow/);
    expect(refused(svg(`<rect id="a${char}"/>`))).toMatch(/character XML does not allow/);
  });

  it('keeps tab, newline and carriage return', () => {
    expect(cleaned(svg('<title>a\tb\r\nc</title>'))).toContain('<title>a\tb\r\nc</title>');
  });
});

describe('sanitiseSvg keeps what editors write for gradients', () => {
  it('keeps a gradient that takes its stops from another gradient of the file (Inkscape)', () => {
    const out = cleaned(
      svg(
        '<defs><linearGradient id="a"><stop offset="0" stop-color="#000"/></linearGradient>' +
          '<linearGradient id="b" xlink:href="#a" x1="0" x2="1"/>' +
          '<radialGradient id="c" href="#a"/><pattern id="p" xlink:href="#q"/></defs>' +
          '<rect fill="url(#b)"/>',
      ),
    );
    expect(out).toContain('<linearGradient id="b" href="#a" x1="0" x2="1"/>');
    expect(out).toContain('<radialGradient id="c" href="#a"/>');
    expect(cleaned(out)).toBe(out);
  });

  it('still refuses a gradient or pattern that points outside the file', () => {
    expect(refused(svg('<linearGradient xlink:href="http://evil.example/g.svg#a"/>'))).toMatch(
      /outside/,
    );
    expect(refused(svg('<pattern href="javascript:alert(1)"/>'))).toMatch(/outside/);
    expect(refused(svg('<rect href="#a"/>'))).toMatch(/outside/);
  });
});

describe('vectors that held (kept here so a later change cannot reopen them)', () => {
  it.each([
    ['an entity-encoded javascript: href', svg('<use href="&#106;avascript:alert(1)"/>')],
    ['a tab inside javascript:', svg('<use href="java&#9;script:alert(1)"/>')],
    ['a data: href with xlink', svg('<use xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>')],
    ['expression()', svg('<rect style="width:expression(alert(1))"/>')],
    ['@import in a style attribute', svg(`<rect style="@import 'x'"/>`)],
    ['a CSS escape', svg('<rect style="fill:u\\72l(http://x)"/>')],
    ['svg:set rewriting href', svg('<svg:set attributeName="href" to="javascript:a()"/>')],
    ['onload on a nested svg', svg('<svg onload="alert(1)"/>')],
    ['ONCLICK in capitals', svg('<rect ONCLICK="alert(1)"/>')],
    [
      'a billion-laughs DOCTYPE',
      `<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>${svg('')}`,
    ],
    [
      'an external SYSTEM entity',
      `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('&x;')}`,
    ],
    ['a lower-case doctype', `<!doctype svg>${svg('')}`],
    ['CDATA holding a script', svg('<script><![CDATA[alert(1)]]></script>')],
    ['a processing instruction in the body', svg('<?php echo 1 ?>')],
    ['an unquoted handler after a slash', '<svg/onload=alert(1)>'],
  ])('refuses %s', (_what, text) => {
    expect(refused(text)).not.toMatch(/^kept/);
  });

  it.each([
    ['SCRIPT in capitals', svg('<SCRIPT>alert(1)</SCRIPT>')],
    [
      'a script under another SVG prefix',
      svg('<x:script xmlns:x="http://www.w3.org/2000/svg">a()</x:script>'),
    ],
    ['an HTML script', svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">a()</h:script>')],
    [
      'animate under another prefix',
      svg(
        '<x:animate xmlns:x="http://www.w3.org/2000/svg" attributeName="href" to="javascript:a()"/>',
      ),
    ],
    [
      'xlink under another prefix',
      svg('<use xl:href="javascript:a()" xmlns:xl="http://www.w3.org/1999/xlink"/>'),
    ],
    ['xml:base', svg('<rect id="a"/><use xml:base="http://evil.example/" href="#a"/>')],
    ['a comment hiding markup', svg('<!-- <script>alert(1)</script> --><rect/>')],
  ])('drops %s (never written back: the output holds only allow-listed names)', (_what, text) => {
    const out = cleaned(text);
    expect(out).not.toMatch(/script|animate|javascript|evil|xml:base|xl:/i);
  });
});

describe('sanitiseSvg bounds what <use> draws (a billion laughs made of shapes)', () => {
  /** `levels` groups, each drawing the one before `fan` times. */
  const laughs = (levels: number, fan: number) => {
    let body = '<path id="l0" d="M0 0h1"/>';
    for (let l = 1; l <= levels; l++)
      body += `<g id="l${l}">${`<use href="#l${l - 1}"/>`.repeat(fan)}</g>`;
    return svg(`<defs>${body}</defs><use href="#l${levels}"/>`);
  };

  it('refuses nested uses that multiply past the element limit', () => {
    expect(laughs(9, 10).length).toBeLessThan(2000);
    expect(refused(laughs(9, 10))).toMatch(/once <use> is expanded/);
  });

  it('refuses a use that draws itself, directly or through another', () => {
    expect(refused(svg('<g id="a"><use href="#a"/></g>'))).toMatch(/draws itself/);
    expect(refused(svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'))).toMatch(
      /draws itself/,
    );
  });

  it('walks a long chain of uses without running out of stack', () => {
    let body = '<rect id="u0"/>';
    for (let i = 1; i < 40_000; i++) body += `<use id="u${i}" href="#u${i - 1}"/>`;
    expect(refused(svg(body))).toMatch(/once <use> is expanded/);
  });

  it('keeps ordinary reuse: a shape drawn a few times, a small pattern of uses', () => {
    expect(cleaned(laughs(3, 5))).toContain('<use href="#l3"/>');
    expect(cleaned(svg('<rect id="r"/><use href="#r" x="1"/><use href="#r" x="2"/>'))).toContain(
      '<use href="#r" x="2"/>',
    );
  });
});
