/**
 * The electronegativity gate: parses its CSV report and lists the HIGH and MEDIUM findings that
 * `electronegativity-exceptions.json` does not justify. An exception names the check and the file
 * (relative to electron/) and says why the finding does not apply; an exception that no longer
 * matches anything is reported too, so the file cannot rot.
 */
import { z } from 'zod';

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

export const exceptionsSchema = z.array(
  z
    .object({
      check: z.string().min(1),
      file: z.string().min(1),
      justification: z.string().min(40, 'say why the finding does not apply'),
    })
    .strict(),
);
export type Exception = z.output<typeof exceptionsSchema>[number];

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((value) => value.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value.trim() !== '')) rows.push(row);
  return rows;
}

export function parseReport(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header[0]?.trim() !== 'issue')
    throw new Error('not an electronegativity CSV report');
  return rows.map((cells) => {
    const [check = '', severity = '', confidence = '', file = '', location = '', sample = ''] =
      cells.map((cell) => cell.trim());
    return { check, severity: severity.toUpperCase(), confidence, file, location, sample };
  });
}

const gated = new Set(['HIGH', 'MEDIUM']);

export function gate(
  findings: readonly Finding[],
  exceptions: readonly Exception[],
): { unexcused: Finding[]; stale: Exception[] } {
  const matches = (finding: Finding, exception: Exception) =>
    finding.check === exception.check && finding.file === exception.file;
  const serious = findings.filter((finding) => gated.has(finding.severity));
  return {
    unexcused: serious.filter(
      (finding) => !exceptions.some((exception) => matches(finding, exception)),
    ),
    stale: exceptions.filter(
      (exception) => !serious.some((finding) => matches(finding, exception)),
    ),
  };
}
