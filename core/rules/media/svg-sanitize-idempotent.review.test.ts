/**
 * The sanitiser's output is what a kiosk re-checks when it receives the cloud's copy (the hash must
 * match), so sanitising it again must give the same text: checked over random mixes of the
 * constructs the cleaner rewrites (entities, quotes, both href spellings, comments, unknown names).
 */
import fc from 'fast-check';
import { it } from 'vitest';
import { sanitiseSvg } from './svg-sanitize';
const frags = [
  '<svg>',
  '</svg>',
  '<g>',
  '</g>',
  '<rect/>',
  '<use href="#a"/>',
  '<rect id="a"/>',
  '<title>',
  '</title>',
  'x',
  '&amp;',
  '&lt;',
  '&#x3c;',
  '&#60;',
  ' ',
  '\n',
  '<!-- c -->',
  '<text>',
  '</text>',
  '<tspan>',
  '</tspan>',
  '"',
  "'",
  '>',
  '<rect fill="url(#a)"/>',
  '<rect style="fill:red;stroke:blue"/>',
  '<linearGradient id="g" xlink:href="#a"/>',
  '<rect fill="&quot;"/>',
  "<rect fill='&apos;\"'/>",
  '&#x9;',
  '&#xD;',
  '&#xA;',
  '<desc>',
  '</desc>',
  '<x:y>',
  '</x:y>',
  ']]>',
  '<rect x="&#x3e;"/>',
  '\r',
  '<rect x="a\rb"/>',
  '<rect x="a\tb&#x9;"/>',
];
it('sanitising its own output gives the same text, never a refusal', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...frags), { maxLength: 30 }), (parts) => {
      const text = `<svg xmlns:xlink="http://www.w3.org/1999/xlink">${parts.join('')}</svg>`;
      const once = sanitiseSvg(text);
      if (!once.ok) return true;
      const twice = sanitiseSvg(once.value);
      if (!twice.ok)
        throw new Error(
          `refused own output: ${twice.error.message}\n${JSON.stringify(text)}\n${JSON.stringify(once.value)}`,
        );
      if (twice.value !== once.value)
        throw new Error(
          `not idempotent\n${JSON.stringify(text)}\n${JSON.stringify(once.value)}\n${JSON.stringify(twice.value)}`,
        );
      return true;
    }),
    { numRuns: 3000 },
  );
});
