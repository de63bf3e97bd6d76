/**
 * The SVG allow-list: an SVG product image becomes a new document that holds only shapes,
 * gradients, clip paths, masks, text and presentation attributes we know, re-serialised from our
 * own parse, so what a browser later reads is exactly what was checked here.
 *
 * Refused (the file is reported, nothing is imported): scripts, event handlers (`on…`),
 * `foreignObject`, style sheets, embedded or linked images, links, animation (it can rewrite
 * attributes), any reference that is not to an element of the same file (`href` other than `#id`,
 * `url(…)` other than `url(#id)`), DOCTYPE declarations, CDATA and processing instructions, and
 * `<use>` that draws itself or expands past the element limit.
 * Dropped silently (editor noise): comments, the XML declaration, metadata, unknown elements and
 * attributes, foreign namespaces. Why our own parser rather than DOMPurify: DOMPurify needs a DOM
 * (jsdom on the server, a large surface of its own) and sanitises for inline HTML, not for a file
 * we serve; an allow-list over a strict tokenizer is a few hundred lines we can read in full.
 */
import { fail, ok, type Result } from '../../../common/result';
import { SvgRefusal, tokenizeSvg, type SvgToken } from './svg-tokens';

export { SvgRefusal } from './svg-tokens';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const MAX_DEPTH = 64;
const MAX_ELEMENTS = 50_000;

const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse',
  'line', 'polyline', 'polygon', 'text', 'tspan', 'linearGradient', 'radialGradient', 'stop',
  'clipPath', 'mask', 'pattern',
]); // prettier-ignore
const TEXT_ELEMENTS = new Set(['title', 'desc', 'text', 'tspan']);
/** Elements whose presence means the file is not a plain picture: refused, never stripped. */
const REFUSED_ELEMENTS = new Map([
  ['script', 'a script'],
  ['foreignObject', 'a foreignObject (HTML inside SVG)'],
  ['style', 'a style sheet (use presentation attributes)'],
  ['image', 'an embedded or linked image'],
  ['feImage', 'an embedded or linked image'],
  ['a', 'a link'],
  ['animate', 'animation'],
  ['animateMotion', 'animation'],
  ['animateTransform', 'animation'],
  ['set', 'animation'],
  ['iframe', 'an iframe'],
  ['embed', 'embedded content'],
  ['object', 'embedded content'],
  ['handler', 'a script handler'],
  ['listener', 'an event listener'],
]);

const PRESENTATION = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray',
  'stroke-dashoffset', 'opacity', 'clip-path', 'clip-rule', 'mask', 'color', 'display',
  'visibility', 'stop-color', 'stop-opacity', 'font-family', 'font-size', 'font-weight',
  'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'vector-effect',
  'shape-rendering', 'paint-order',
]; // prettier-ignore
const ALLOWED_ATTRIBUTES = new Set([
  ...PRESENTATION,
  'id', 'class', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy',
  'width', 'height', 'd', 'points', 'transform', 'viewBox', 'preserveAspectRatio', 'version',
  'offset', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'clipPathUnits',
  'maskUnits', 'maskContentUnits', 'patternUnits', 'patternContentUnits', 'patternTransform',
  'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'xml:space', 'style',
]); // prettier-ignore
const STYLE_PROPERTIES = new Set(PRESENTATION);
const LOCAL_REF = /^#[A-Za-z_][A-Za-z0-9_.:-]*$/;
/** `url(#id)`, quoted or not: a reference to an element of the same file. */
const LOCAL_URLS = /url\(\s*(["']?)#[A-Za-z_][A-Za-z0-9_.:-]*\1\s*\)/gi;
/** CSS functions a value may use besides `url(#id)`: colours and transforms, none can load. */
const ALLOWED_FUNCTIONS = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'matrix', 'translate', 'scale', 'rotate', 'skewx', 'skewy',
]); // prettier-ignore
/** Elements that may point at another element of the file (`use`, gradient and pattern templates). */
const HREF_ELEMENTS = new Set(['use', 'linearGradient', 'radialGradient', 'pattern']);

function checkValue(element: string, name: string, value: string): void {
  if (/javascript:|expression\s*\(|\\|@import/i.test(value))
    throw new SvgRefusal(`<${element} ${name}> holds script or escapes`);
  // Any other function refuses: an unclosed `url(`, `image-set(`, `src(` all load from outside.
  const rest = value.replace(LOCAL_URLS, '');
  for (const m of rest.matchAll(/([A-Za-z_-][A-Za-z0-9_-]*)?\s*\(/g))
    if (!ALLOWED_FUNCTIONS.has((m[1] ?? '').toLowerCase()))
      throw new SvgRefusal(
        `<${element} ${name}> refers outside the file (${rest.slice(m.index, m.index + 60)})`,
      );
}

/** Keeps the declarations of known presentation properties; refuses outside references. */
function cleanStyle(element: string, value: string): string {
  checkValue(element, 'style', value);
  return value
    .split(';')
    .map((declaration) => declaration.split(':').map((part) => part.trim()))
    .filter(
      ([prop, val, ...rest]) => rest.length === 0 && prop && val && STYLE_PROPERTIES.has(prop),
    )
    .map(([prop, val]) => `${prop}:${val}`)
    .join(';');
}

function cleanAttributes(element: string, attrs: Array<[string, string]>): Array<[string, string]> {
  const kept: Array<[string, string]> = [];
  for (const [name, value] of attrs) {
    if (/^on/i.test(name)) throw new SvgRefusal(`<${element}> has an event handler (${name})`);
    if (name === 'href' || name === 'xlink:href') {
      if (!HREF_ELEMENTS.has(element) || !LOCAL_REF.test(value))
        throw new SvgRefusal(`<${element} ${name}> refers outside the file`);
      // both spellings: written once (SVG 2: `href` wins), or the output is not well-formed
      const written = kept.findIndex(([n]) => n === 'href');
      if (written < 0) kept.push(['href', value]);
      else if (name === 'href') kept[written] = ['href', value];
      continue;
    }
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue; // written by us
    if (!ALLOWED_ATTRIBUTES.has(name)) continue;
    if (name === 'style') {
      const style = cleanStyle(element, value);
      if (style) kept.push([name, style]);
      continue;
    }
    checkValue(element, name, value);
    kept.push([name, value]);
  }
  return kept;
}

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

interface Frame {
  name: string;
  /** The opening tag without its `>`; null inside an element dropped as unknown (whole subtree). */
  open: string | null;
  children: string[];
  /** This element in the `<use>` graph (kept elements only). */
  node: number | null;
}

/** A kept element as `<use>` expansion sees it: its id, what it instantiates, its children. */
interface UseNode {
  id: string | undefined;
  use: string | undefined;
  children: number[];
}

/**
 * Refuses a drawing whose `<use>` elements expand to more than MAX_ELEMENTS elements (nested
 * uses multiply: ten levels of ten draw ten billion shapes and hang the screen), or that use
 * themselves. Iterative depth-first walk: a chain of 50,000 uses must not overflow the stack.
 */
function checkUseExpansion(nodes: readonly UseNode[]): void {
  const byId = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (n.id !== undefined && !byId.has(n.id)) byId.set(n.id, i);
  });
  const edges = (i: number): number[] => {
    const n = nodes[i];
    const target = n?.use === undefined ? undefined : byId.get(n.use.slice(1));
    return target === undefined ? (n?.children ?? []) : [...(n?.children ?? []), target];
  };
  const UNSEEN = -1;
  const OPEN = -2;
  const weight = new Array<number>(nodes.length).fill(UNSEEN);
  for (let root = 0; root < nodes.length; root++) {
    const stack = weight[root] === UNSEEN ? [root] : [];
    while (stack.length > 0) {
      const i = stack[stack.length - 1] ?? 0;
      if (weight[i] === UNSEEN) {
        weight[i] = OPEN;
        for (const next of edges(i)) {
          if (weight[next] === OPEN) throw new SvgRefusal('a <use> that draws itself');
          if (weight[next] === UNSEEN) stack.push(next);
        }
        continue;
      }
      stack.pop();
      if (weight[i] !== OPEN) continue; // a second entry of an element finished already
      const total = edges(i).reduce((sum, next) => sum + (weight[next] ?? 0), 1);
      if (total > MAX_ELEMENTS)
        throw new SvgRefusal(`more than ${MAX_ELEMENTS} elements once <use> is expanded`);
      weight[i] = total;
    }
  }
}

function serialiseOpen(name: string, attrs: Array<[string, string]>, root: boolean): string {
  const all: Array<[string, string]> = root ? [['xmlns', SVG_NS], ...attrs] : attrs;
  return `<${name}${all.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('')}`;
}

const serialise = (f: Frame) =>
  f.children.length === 0 ? `${f.open}/>` : `${f.open}>${f.children.join('')}</${f.name}>`;

function build(tokens: SvgToken[]): string {
  const stack: Frame[] = [];
  const nodes: UseNode[] = [];
  let result: string | null = null;
  let elements = 0;
  const close = () => {
    const frame = stack.pop();
    if (!frame) return;
    if (frame.open === null) return;
    const parent = stack.at(-1);
    if (parent) parent.children.push(serialise(frame));
    else result = serialise(frame);
  };
  for (const token of tokens) {
    const parent = stack.at(-1);
    if (token.kind === 'text') {
      if (token.text.trim() === '') continue;
      if (!parent) throw new SvgRefusal('text outside the <svg> element');
      if (parent.open !== null && TEXT_ELEMENTS.has(parent.name))
        parent.children.push(escapeText(token.text));
      continue;
    }
    if (token.kind === 'close') {
      if (parent?.name !== token.name)
        throw new SvgRefusal(`</${token.name}> does not close the open element`);
      close();
      continue;
    }
    const refused = REFUSED_ELEMENTS.get(token.name.replace(/^svg:/, ''));
    if (refused) throw new SvgRefusal(`the file has ${refused} (<${token.name}>)`);
    if (++elements > MAX_ELEMENTS) throw new SvgRefusal(`more than ${MAX_ELEMENTS} elements`);
    if (stack.length >= MAX_DEPTH) throw new SvgRefusal(`nested deeper than ${MAX_DEPTH}`);
    const isRoot = stack.length === 0;
    if (isRoot && (result !== null || token.name !== 'svg'))
      throw new SvgRefusal(result === null ? 'the root element is not <svg>' : 'two root elements');
    const kept = (parent === undefined || parent.open !== null) && ALLOWED_ELEMENTS.has(token.name);
    // Refusals apply inside dropped subtrees too: an unknown element cannot hide a handler.
    const attrs = cleanAttributes(token.name, token.attrs);
    let node: number | null = null;
    if (kept) {
      const value = (name: string) => attrs.find(([n]) => n === name)?.[1];
      node =
        nodes.push({
          id: value('id'),
          use: token.name === 'use' ? value('href') : undefined,
          children: [],
        }) - 1;
      if (parent?.node != null) nodes[parent.node]?.children.push(node);
    }
    stack.push({
      name: token.name,
      open: kept ? serialiseOpen(token.name, attrs, isRoot) : null,
      children: [],
      node,
    });
    if (token.selfClosing) close();
  }
  if (stack.length > 0) throw new SvgRefusal(`<${stack.at(-1)?.name}> is never closed`);
  if (result === null) throw new SvgRefusal('there is no <svg> element');
  checkUseExpansion(nodes);
  return result;
}

/** The cleaned SVG text, or why the sanitiser refused it. */
export type SanitisedSvg = Result<string, 'svg-refused'>;

/** The cleaned SVG text; idempotent: sanitising its own output gives the same text. */
export function sanitiseSvg(text: string): SanitisedSvg {
  try {
    return ok(build(tokenizeSvg(text)));
  } catch (error) {
    if (error instanceof SvgRefusal) return fail('svg-refused', error.message);
    throw error;
  }
}

export const svgNamespaces = { svg: SVG_NS, xlink: XLINK_NS };
