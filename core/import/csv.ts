/**
 * RFC 4180 CSV reader that keeps the line each record starts on, so every import error can name
 * file and line. A UTF-8 BOM is dropped; quoted fields may hold commas, quotes and newlines.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly code = 'csv-syntax';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const quotedStop = (code: number) => code === QUOTE || code === LF;
const plainStop = (code: number) => code === QUOTE || code === COMMA || code === LF || code === CR;

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (ch === '\n') {
        line++;
        field += ch;
      } else {
        // A run of plain characters is copied as one slice: per-character appends are the slow part.
        let end = i + 1;
        while (end < text.length && !quotedStop(text.charCodeAt(end))) end++;
        field += text.slice(i, end);
        i = end - 1;
      }
    } else if (ch === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'quote inside an unquoted field');
      inQuotes = true;
      quotedLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      let end = i + 1;
      while (end < text.length && !plainStop(text.charCodeAt(end))) end++;
      field += text.slice(i, end);
      i = end - 1;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(quotedLine, 'quoted field is never closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
