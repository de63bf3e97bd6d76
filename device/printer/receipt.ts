/**
 * The sale receipt: store, time, receipt number, lines, every discount, total, points, payment, a
 * QR code of the e-receipt URL, a Code 128 of the sale id, cut. Amounts are integer fen. Width is
 * 42 columns (80 mm paper, font A) or 32 (58 mm); CJK characters count as two columns.
 *
 * The yuan sign is printed as the fullwidth ￥ (U+FFE5, GB2312 A3A4, two columns): the narrow ¥
 * (U+00A5) only has a four-byte GB18030 code, which many receipt printers' fonts lack.
 * Bad input is a typed error (zod issues), never a throw.
 */
import { z } from 'zod';
import { fail, formatZodError, type Result } from '../../common/result';
import { EscPos } from './escpos-encoder';
import { formatFen } from './money';
import { twoColumns, wrap } from './text-width';

const fen = z.number().int().safe();
const text = z.string().max(200);

export const saleReceiptSchema = z.object({
  storeName: z.string().min(1).max(60),
  storeAddress: text.optional(),
  time: z.date(),
  receiptNo: z.string().min(1).max(40),
  /** Printed as Code 128: printable ASCII. */
  saleId: z
    .string()
    .regex(/^[\x20-\x7e]{1,60}$/, 'saleId must be 1..60 printable ASCII characters'),
  cashier: text.optional(),
  member: z.object({ label: text }).optional(),
  lines: z
    .array(
      z.object({
        name: text.min(1),
        size: text.optional(),
        colour: text.optional(),
        qty: z.number().int().positive(),
        unitFen: fen.nonnegative(),
        amountFen: fen,
      }),
    )
    .min(1),
  /** Each discount as a positive reduction in fen. */
  discounts: z.array(z.object({ label: text.min(1), amountFen: fen.nonnegative() })),
  totalFen: fen.nonnegative(),
  points: z.object({ earned: z.number().int(), balance: z.number().int() }).optional(),
  payment: z.object({ method: text.min(1), amountFen: fen.nonnegative() }),
  receiptUrl: z.string().url().max(1000),
});

export type SaleReceipt = z.infer<typeof saleReceiptSchema>;
export type ReceiptLang = 'zh-CN' | 'en';

export interface ReceiptOptions {
  /** 42 for 80 mm paper, 32 for 58 mm. */
  width?: 42 | 32;
  /** IANA zone the time is printed in. */
  timeZone?: string;
  /** Drawer kick after the cut (cash payments). */
  openDrawer?: boolean;
}

export type ReceiptResult = Result<Uint8Array, 'invalid-sale'>;

const LABELS = {
  'zh-CN': {
    time: '时间',
    receiptNo: '小票号',
    cashier: '收银员',
    member: '会员',
    item: '商品',
    amount: '金额',
    subtotal: '小计',
    total: '合计',
    payment: '支付方式',
    pointsEarned: '本次积分',
    pointsBalance: '积分余额',
    eReceipt: '扫码查看电子小票',
    thanks: '谢谢惠顾，欢迎再次光临',
    colon: '：',
  },
  en: {
    time: 'Time',
    receiptNo: 'Receipt No.',
    cashier: 'Cashier',
    member: 'Member',
    item: 'Item',
    amount: 'Amount',
    subtotal: 'Subtotal',
    total: 'TOTAL',
    payment: 'Payment',
    pointsEarned: 'Points earned',
    pointsBalance: 'Points balance',
    eReceipt: 'Scan for your e-receipt',
    thanks: 'Thank you for shopping with us',
    colon: ': ',
  },
} as const;

const YUAN = '￥';

function formatTime(time: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(time);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function renderSaleReceipt(
  input: unknown,
  lang: ReceiptLang,
  options: ReceiptOptions = {},
): ReceiptResult {
  const parsed = saleReceiptSchema.safeParse(input);
  if (!parsed.success) return fail('invalid-sale', formatZodError(parsed.error));
  const width = options.width ?? 42;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  let time: string;
  try {
    time = formatTime(parsed.data.time, timeZone);
  } catch {
    return { ok: false, error: { code: 'invalid-sale', message: `unknown time zone ${timeZone}` } };
  }
  return {
    ok: true,
    value: layout(parsed.data, LABELS[lang], width, time, options.openDrawer ?? false),
  };
}

function layout(
  sale: SaleReceipt,
  t: (typeof LABELS)[ReceiptLang],
  width: number,
  time: string,
  openDrawer: boolean,
): Uint8Array {
  const p = new EscPos({ encoding: 'gb18030' });
  const money = (fen: number): string => formatFen(fen, YUAN);
  const rule = '-'.repeat(width);
  const lines = (texts: string[]): void => {
    for (const l of texts) p.line(l);
  };

  p.init().align('center').bold(true).size(2, 2);
  lines(wrap(sale.storeName, Math.floor(width / 2)));
  p.size(1, 1).bold(false);
  if (sale.storeAddress) lines(wrap(sale.storeAddress, width));
  p.align('left');
  lines(wrap(`${t.time}${t.colon}${time}`, width));
  lines(wrap(`${t.receiptNo}${t.colon}${sale.receiptNo}`, width));
  if (sale.cashier) lines(wrap(`${t.cashier}${t.colon}${sale.cashier}`, width));
  if (sale.member) lines(wrap(`${t.member}${t.colon}${sale.member.label}`, width));
  p.line(rule);
  lines(twoColumns(t.item, t.amount, width));
  p.line(rule);

  let subtotal = 0;
  for (const item of sale.lines) {
    subtotal += item.amountFen;
    lines(wrap(item.name, width));
    const variant = [item.size, item.colour].filter((v): v is string => Boolean(v)).join(' / ');
    const detail = `  ${variant ? `${variant}  ` : ''}${item.qty} x ${money(item.unitFen)}`;
    lines(twoColumns(detail, money(item.amountFen), width));
  }
  p.line(rule);
  if (sale.discounts.length > 0) {
    lines(twoColumns(t.subtotal, money(subtotal), width));
    for (const d of sale.discounts) lines(twoColumns(d.label, money(-d.amountFen), width));
    p.line(rule);
  }
  p.bold(true).size(1, 2);
  lines(twoColumns(t.total, money(sale.totalFen), width));
  p.size(1, 1).bold(false);
  lines(
    twoColumns(
      `${t.payment}${t.colon}${sale.payment.method}`,
      money(sale.payment.amountFen),
      width,
    ),
  );
  if (sale.points) {
    lines(twoColumns(t.pointsEarned, String(sale.points.earned), width));
    lines(twoColumns(t.pointsBalance, String(sale.points.balance), width));
  }
  p.line(rule);
  p.align('center');
  lines(wrap(t.eReceipt, width));
  p.qr(sale.receiptUrl, { moduleSize: width >= 42 ? 6 : 4, errorCorrection: 'M' });
  p.line();
  p.code128(sale.saleId, { height: 60, width: 2, hri: 'below' });
  p.line();
  lines(wrap(t.thanks, width));
  p.align('left').feed(2).cut(3);
  if (openDrawer) p.drawer();
  return p.encode();
}
