/**
 * The GS1 Application Identifiers we understand (GS1 General Specifications section 3, the AI
 * table) and the predefined-length table (figure 7.8.5-2) that says which AIs need no FNC1
 * separator. Each AI's value is a sequence of components, e.g. AI 391n = N3 currency + N..15.
 */

/** N = digits, X = GS1 CSET 82, Y = GS1 CSET 39, Z = CSET 64 (base64url + '='). */
export type Charset = 'N' | 'X' | 'Y' | 'Z';

export interface AiComponent {
  charset: Charset;
  min: number;
  max: number;
  /** The component's last digit is a GS1 mod-10 check digit. */
  check?: boolean;
  /** YYMMDD (DD = 00 allowed: end of month), YYMMDDHH(MM(SS)) for date-times. */
  date?: 'yymmdd' | 'yymmddhh' | 'yymmddhhmm';
  /** ISO 4217 currency or ISO 3166 country, numeric: three digits, not 000. */
  isoCode?: boolean;
}

export interface AiDefinition {
  ai: string;
  components: readonly AiComponent[];
  /** Sum of the components' minimum and maximum lengths. */
  minLength: number;
  maxLength: number;
}

const n = (len: number, extra: Partial<AiComponent> = {}): AiComponent => ({
  charset: 'N',
  min: len,
  max: len,
  ...extra,
});
const nv = (max: number): AiComponent => ({ charset: 'N', min: 1, max });
const xv = (max: number): AiComponent => ({ charset: 'X', min: 1, max });
const checked = (len: number) => n(len, { check: true });
const date = n(6, { date: 'yymmdd' });
const iso = n(3, { isoCode: true });

const table = new Map<string, AiDefinition>();

function define(ai: string, ...components: AiComponent[]): void {
  let minLength = 0;
  let maxLength = 0;
  for (const c of components) {
    minLength += c.min;
    maxLength += c.max;
  }
  table.set(ai, { ai, components, minLength, maxLength });
}

define('00', checked(18));
define('01', checked(14));
define('02', checked(14));
define('03', checked(14));
define('10', xv(20));
for (const ai of ['11', '12', '13', '15', '16', '17']) define(ai, date);
define('20', n(2));
define('21', xv(20));
define('22', xv(20));
define('235', xv(28));
define('240', xv(30));
define('241', xv(30));
define('242', nv(6));
define('243', xv(20));
define('250', xv(30));
define('251', xv(30));
define('253', checked(13), { charset: 'X', min: 0, max: 17 });
define('254', xv(20));
define('255', checked(13), { charset: 'N', min: 0, max: 12 });
define('30', nv(8));
define('37', nv(8));
// Trade and logistic measures: 310n-316n, 320n-337n, 340n-357n, 360n-369n (n = decimal places).
const measureRanges: readonly (readonly [number, number])[] = [
  [310, 316],
  [320, 337],
  [340, 357],
  [360, 369],
];
for (const [from, to] of measureRanges) {
  for (let head = from; head <= to; head++) {
    for (let decimals = 0; decimals <= 5; decimals++) define(`${head}${decimals}`, n(6));
  }
}
for (let d = 0; d <= 9; d++) {
  define(`390${d}`, nv(15));
  define(`391${d}`, iso, nv(15));
  define(`392${d}`, nv(15));
  define(`393${d}`, iso, nv(15));
}
for (let d = 0; d <= 4; d++) define(`394${d}`, n(4));
for (let d = 0; d <= 5; d++) define(`395${d}`, n(6));
define('400', xv(30));
define('401', xv(30));
define('402', checked(17));
define('403', xv(30));
for (let ai = 410; ai <= 417; ai++) define(String(ai), checked(13));
define('420', xv(20));
define('421', iso, { charset: 'X', min: 1, max: 9 });
define('422', iso);
define('423', iso, { charset: 'N', min: 0, max: 12 });
define('424', iso);
define('425', iso, { charset: 'N', min: 0, max: 12 });
define('426', iso);
define('427', { charset: 'X', min: 1, max: 3 });
define('7001', n(13));
define('7002', xv(30));
define('7003', n(10, { date: 'yymmddhhmm' }));
define('7004', nv(4));
define('7005', xv(12));
define('7006', date);
define('7007', date, { charset: 'N', min: 0, max: 6, date: 'yymmdd' });
define('7008', { charset: 'X', min: 1, max: 3 });
define('7009', xv(10));
define('7010', { charset: 'X', min: 1, max: 2 });
define('7020', xv(20));
define('7021', xv(20));
define('7022', xv(20));
define('7023', xv(30));
for (let d = 0; d <= 9; d++) define(`703${d}`, iso, { charset: 'X', min: 1, max: 27 });
define('7040', { charset: 'X', min: 4, max: 4 });
for (let ai = 710; ai <= 716; ai++) define(String(ai), xv(20));
define('8001', n(14));
define('8002', xv(20));
define('8003', n(1), checked(13), { charset: 'X', min: 0, max: 16 });
define('8004', xv(30));
define('8005', n(6));
define('8006', checked(14), n(2), n(2));
define('8007', { charset: 'X', min: 1, max: 34 });
define('8008', n(8, { date: 'yymmddhh' }), { charset: 'N', min: 0, max: 4 });
define('8009', xv(50));
define('8010', { charset: 'Y', min: 1, max: 30 });
define('8011', nv(12));
define('8012', xv(20));
define('8013', xv(25));
define('8017', checked(18));
define('8018', checked(18));
define('8019', nv(10));
define('8020', xv(25));
define('8026', checked(14), n(2), n(2));
define('8030', { charset: 'Z', min: 1, max: 90 });
define('8110', xv(70));
define('8111', n(4));
define('8112', xv(70));
define('8200', xv(70));
define('90', xv(30));
for (let ai = 91; ai <= 99; ai++) define(String(ai), xv(90));

/**
 * Total length (AI + value) of element strings whose AI starts with these two digits: they are
 * never followed by FNC1. Every other AI ends at FNC1 or at the end of the data.
 */
// prettier-ignore
const predefinedLength: Readonly<Record<string, number>> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18, '11': 8, '12': 8, '13': 8, '14': 8, '15': 8,
  '16': 8, '17': 8, '18': 8, '19': 8, '20': 4, '31': 10, '32': 10, '33': 10, '34': 10, '35': 10,
  '36': 10, '41': 16,
};

/** The AI that starts `text` at `at` (AIs are prefix-free: at most one of 2, 3 or 4 digits matches). */
export function findAi(text: string, at: number): AiDefinition | undefined {
  for (let len = 2; len <= 4; len++) {
    if (at + len > text.length) return undefined;
    const def = table.get(text.slice(at, at + len));
    if (def) return def;
  }
  return undefined;
}

export function aiDefinition(ai: string): AiDefinition | undefined {
  return table.get(ai);
}

/** Length of the whole element string (AI + value) when its AI has a predefined length. */
export function predefinedElementLength(ai: string): number | undefined {
  return predefinedLength[ai.slice(0, 2)];
}
