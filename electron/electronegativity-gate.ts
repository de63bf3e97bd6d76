/**
 * The Electronegativity gate: parses the tool's CSV report and fails on every HIGH or MEDIUM
 * finding — there is no exception list. The tool runs over a copy of electron/ beside a canary
 * (a window with every dangerous preference), whose findings prove the run was complete: on a
 * loaded machine the tool now and then writes a report that misses findings it always makes.
 */

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

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

/** Where the canary sits in the scanned folder, and what it is. */
export const canaryFile = 'canary/known-bad.js';
export const canarySource = `// A known-bad window: every run of the tool must find these.
const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });
`;
/** Findings the canary always gives on a complete run. */
export const canaryChecks = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK'];

const gated = new Set(['HIGH', 'MEDIUM']);

export interface Assessment {
  /** The canary's findings are all there: the tool checked every file. */
  complete: boolean;
  /** Every HIGH or MEDIUM finding outside the canary. */
  serious: Finding[];
}

export function assess(findings: readonly Finding[]): Assessment {
  const isCanary = (finding: Finding) => finding.file.replace(/\\/g, '/') === canaryFile;
  const tripped = new Set(findings.filter(isCanary).map((finding) => finding.check));
  return {
    complete: canaryChecks.every((check) => tripped.has(check)),
    serious: findings.filter((finding) => !isCanary(finding) && gated.has(finding.severity)),
  };
}
