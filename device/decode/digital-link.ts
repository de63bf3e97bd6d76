/**
 * GS1 Digital Link URIs (GS1 Digital Link standard 1.x) on any domain: the path carries a primary
 * key AI and its qualifiers in their fixed order (01 then 22, 10, 21), possibly after a prefix of
 * the publisher's own path segments; the query string carries data attributes (?17=261231).
 * Non-AI query parameters and the fragment are ignored. Values are percent-decoded, then
 * validated exactly like element-string values.
 */
import { validateAiValue } from './ai-value';
import type { AiValues } from './element-string';
import { aiDefinition } from './gs1-ais';
import { isDigits, toGtin14 } from './gtin';
import { fail, type DecodeError, type DecodeResult, type DigitalLinkResult } from './result';

/** Primary-key AIs and the qualifier AIs allowed after each, in the order they must appear. */
const qualifiersOf: Readonly<Record<string, readonly string[]>> = {
  '01': ['22', '10', '21', '235'],
  '00': [],
  '253': [],
  '255': [],
  '401': [],
  '402': [],
  '414': ['254', '7040'],
  '415': ['8020'],
  '417': ['7040'],
  '8003': [],
  '8004': ['7040'],
  '8006': ['22', '10', '21'],
  '8010': ['8011'],
  '8013': [],
  '8017': ['8019'],
  '8018': ['8019'],
};

/** Convenience short names from Digital Link 1.1 path segments. */
// prettier-ignore
const shortNames: Readonly<Record<string, string>> = {
  gtin: '01', cpv: '22', lot: '10', ser: '21', sscc: '00', gln: '414', glnx: '254', gdti: '253',
  gcn: '255', ginc: '401', gsin: '402', grai: '8003', giai: '8004', itip: '8006', cpid: '8010',
  cpsn: '8011', gmn: '8013', gsrnp: '8017', gsrn: '8018', srin: '8019',
};

const uriShape = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i;

/** True when `text` looks like an http(s) URI: the caller then reads it as a Digital Link or rejects it. */
export function looksLikeWebUri(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return c === 0x68 && /^https?:\/\//i.test(text);
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function aiOfSegment(segment: string): string | undefined {
  if (isDigits(segment)) return segment;
  return shortNames[segment];
}

function addValue(ais: AiValues, ai: string, raw: string): DecodeError | undefined {
  const def = aiDefinition(ai);
  if (!def) return fail('bad-ai', `(${ai}) is not a known Application Identifier`);
  let value = percentDecode(raw);
  if (value === undefined)
    return fail('bad-uri', `the value of AI (${ai}) has a malformed percent escape`);
  // Digital Link accepts GTIN-8/12/13 in the path and means the 14-digit form.
  if (
    ai === '01' &&
    isDigits(value) &&
    (value.length === 8 || value.length === 12 || value.length === 13)
  ) {
    value = toGtin14(value);
  }
  const problem = validateAiValue(def, value);
  if (problem) return problem;
  if (ais[ai] !== undefined) return fail('bad-ai', `AI (${ai}) appears more than once`);
  ais[ai] = value;
  return undefined;
}

function parsePath(segments: readonly string[], ais: AiValues): DecodeError | undefined {
  // The first primary key followed by whole AI/value pairs to the end; before it, publisher segments.
  let start = -1;
  for (let i = 0; i < segments.length; i++) {
    const ai = aiOfSegment(segments[i] ?? '');
    if (ai !== undefined && qualifiersOf[ai] && (segments.length - i) % 2 === 0) {
      start = i;
      break;
    }
  }
  if (start === -1) return fail('unknown-format', 'a web address that is not a GS1 Digital Link');
  const primary = aiOfSegment(segments[start] ?? '') ?? '';
  const allowed = qualifiersOf[primary] ?? [];
  const problem = addValue(ais, primary, segments[start + 1] ?? '');
  if (problem) return problem;
  let nextAllowed = 0;
  for (let i = start + 2; i < segments.length; i += 2) {
    const ai = aiOfSegment(segments[i] ?? '');
    const position = ai === undefined ? -1 : allowed.indexOf(ai);
    if (ai === undefined || position < nextAllowed) {
      return fail(
        'bad-ai',
        `the Digital Link path has a qualifier that (${primary}) does not allow here`,
      );
    }
    const bad = addValue(ais, ai, segments[i + 1] ?? '');
    if (bad) return bad;
    nextAllowed = position + 1;
  }
  return undefined;
}

function parseQuery(query: string, ais: AiValues): DecodeError | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    // Only AI keys carry data; anything else (linkType, campaign tags) is not ours to read.
    if (!isDigits(key) || !aiDefinition(key)) continue;
    const problem = addValue(ais, key, eq === -1 ? '' : pair.slice(eq + 1));
    if (problem) return problem;
  }
  return undefined;
}

/** Decodes a GS1 Digital Link URI. */
export function decodeDigitalLink(text: string, symbology: string | undefined): DecodeResult {
  if (!uriShape.test(text)) return fail('bad-uri', 'the web address is malformed');
  const hash = text.indexOf('#');
  const withoutFragment = hash === -1 ? text : text.slice(0, hash);
  const q = withoutFragment.indexOf('?');
  const beforeQuery = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  const pathStart = beforeQuery.indexOf('/', beforeQuery.indexOf('//') + 2);
  const path = pathStart === -1 ? '' : beforeQuery.slice(pathStart + 1);
  const segments = path.split('/').filter((s) => s.length > 0);
  const ais: AiValues = {};
  const pathProblem = parsePath(segments, ais);
  if (pathProblem) return pathProblem;
  if (q !== -1) {
    const queryProblem = parseQuery(withoutFragment.slice(q + 1), ais);
    if (queryProblem) return queryProblem;
  }
  const gtin = ais['01'];
  const result: DigitalLinkResult = {
    ok: true,
    kind: 'digital-link',
    ...(symbology !== undefined && { symbology }),
    ...(gtin !== undefined && { gtin }),
    ais,
  };
  return result;
}
