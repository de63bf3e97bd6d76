/**
 * GS1 element strings as carried by GS1-128, GS1 DataMatrix, GS1 QR and GS1 DataBar: AI + value
 * pairs concatenated, with FNC1 (transmitted as GS, 0x1D) after every variable-length value that
 * is not last. Also the bracketed human-readable form "(01)...(17)...". Values are validated
 * (length, character set, check digit, date); an AI repeated with a different value is rejected.
 */
import { validateAiValue } from './ai-value';
import { aiDefinition, findAi, predefinedElementLength, type AiDefinition } from './gs1-ais';
import { fail, type DecodeError, type DecodeResult } from './result';

export const GS = '\x1d';
const GS_CODE = 0x1d;

export type AiValues = Record<string, string>;

function put(ais: AiValues, def: AiDefinition, value: string): DecodeError | undefined {
  const problem = validateAiValue(def, value);
  if (problem) return problem;
  const previous = ais[def.ai];
  if (previous !== undefined && previous !== value) {
    return fail('bad-ai', `AI (${def.ai}) appears twice with different values`);
  }
  ais[def.ai] = value;
  return undefined;
}

/** Parses an unbracketed element string (no AIM prefix, no leading FNC1). */
export function parseElementString(text: string): AiValues | DecodeError {
  const ais: AiValues = {};
  let at = 0;
  let count = 0;
  while (at < text.length) {
    // Tolerate a separator after a predefined-length AI and a trailing one: both are harmless.
    if (text.charCodeAt(at) === GS_CODE) {
      at++;
      continue;
    }
    if (text.length - at < 2)
      return fail('truncated', 'the data ends in the middle of an Application Identifier');
    const def = findAi(text, at);
    if (!def) return fail('bad-ai', `no known Application Identifier at position ${at + 1}`);
    const valueStart = at + def.ai.length;
    if (valueStart >= text.length) return fail('truncated', `AI (${def.ai}) has no value`);
    const predefined = predefinedElementLength(def.ai);
    let valueEnd: number;
    if (predefined !== undefined) {
      valueEnd = at + predefined;
      if (valueEnd > text.length)
        return fail('truncated', `AI (${def.ai}) ends before its fixed length`);
    } else {
      const separator = text.indexOf(GS, valueStart);
      valueEnd = separator === -1 ? text.length : separator;
    }
    const problem = put(ais, def, text.slice(valueStart, valueEnd));
    if (problem) return problem;
    count++;
    at = valueEnd;
  }
  return count === 0 ? fail('empty', 'the element string holds no data') : ais;
}

/** Position of the next "(NN)" .. "(NNNN)" AI opener at or after `from`, or -1. */
function nextBracket(text: string, from: number): number {
  for (let i = text.indexOf('(', from); i !== -1; i = text.indexOf('(', i + 1)) {
    const close = text.indexOf(')', i);
    if (close - i >= 3 && close - i <= 5 && /^\d+$/.test(text.slice(i + 1, close))) return i;
  }
  return -1;
}

/** Parses the human-readable form "(01)09520123456788(17)201225(10)ABC". */
export function parseBracketed(text: string): AiValues | DecodeError {
  const ais: AiValues = {};
  let at = nextBracket(text, 0);
  if (at !== 0) return fail('bad-ai', 'a bracketed element string must start with "(AI)"');
  while (at !== -1) {
    const close = text.indexOf(')', at);
    const ai = text.slice(at + 1, close);
    const def = aiDefinition(ai);
    if (!def) return fail('bad-ai', `(${ai}) is not a known Application Identifier`);
    const next = nextBracket(text, close + 1);
    const value = text.slice(close + 1, next === -1 ? text.length : next);
    if (value.length === 0) return fail('truncated', `AI (${ai}) has no value`);
    const problem = put(ais, def, value);
    if (problem) return problem;
    at = next;
  }
  return ais;
}

/** Wraps parsed AIs as a `gs1` result; `gtin` is AI (01) when present. */
export function gs1Result(parsed: AiValues | DecodeError, symbology: string): DecodeResult {
  if (isDecodeError(parsed)) return parsed;
  const ais = parsed;
  const gtin = ais['01'];
  return gtin === undefined
    ? { ok: true, kind: 'gs1', symbology, ais }
    : { ok: true, kind: 'gs1', symbology, gtin, ais };
}

/** True when `value` is a parse failure rather than AI values. */
export function isDecodeError(value: AiValues | DecodeError): value is DecodeError {
  return (value as DecodeError).ok === false && typeof (value as DecodeError).error === 'object';
}
