import { describe, expect, it } from 'vitest';
import { decodeEscPos, type EscPosOp } from './escpos-decoder';
import { formatFen } from './money';
import { renderSaleReceipt, type SaleReceipt } from './receipt';
import { displayWidth, twoColumns, wrap } from './text-width';

const sale: SaleReceipt = {
  storeName: 'Seed 上海南京西路店',
  time: new Date('2025-03-08T06:30:05Z'),
  receiptNo: 'R20250308-0042',
  saleId: 'S-01HQZ8-0042',
  lines: [
    {
      name: '羊毛混纺双排扣长款大衣（限定款）经典驼色',
      size: 'M',
      colour: '驼色',
      qty: 1,
      unitFen: 129900,
      amountFen: 129900,
    },
    {
      name: 'Organic cotton crew-neck T-shirt',
      size: 'L',
      colour: 'White',
      qty: 2,
      unitFen: 9900,
      amountFen: 19800,
    },
  ],
  discounts: [
    { label: '会员9折', amountFen: 14970 },
    { label: '满1000减100', amountFen: 10000 },
  ],
  totalFen: 124730,
  points: { earned: 1247, balance: 8810 },
  payment: { method: '微信支付', amountFen: 124730 },
  receiptUrl: 'https://r.example.com/e/S-01HQZ8-0042',
};

function textLines(ops: EscPosOp[]): string[] {
  return ops
    .filter((o): o is Extract<EscPosOp, { op: 'text' }> => o.op === 'text')
    .map((o) => o.text)
    .join('')
    .split('\n')
    .slice(0, -1);
}

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123450, '¥1,234.50'],
    [100000000, '¥1,000,000.00'],
    [-2000, '-¥20.00'],
  ])('%d → %s', (fen, text) => expect(formatFen(fen)).toBe(text));
});

describe('text width', () => {
  it('counts CJK as two columns', () => {
    expect(displayWidth('合计 ￥1.00')).toBe(2 * 2 + 1 + 2 + 4);
  });
  it('wraps without exceeding the width, never splitting a character, breaking Latin at spaces', () => {
    expect(wrap('羊毛混纺双排扣长款', 8)).toEqual(['羊毛混纺', '双排扣长', '款']);
    expect(wrap('Organic cotton crew-neck', 10)).toEqual(['Organic', 'cotton', 'crew-neck']);
  });
  it('puts the right column flush right, or on its own line when it does not fit', () => {
    expect(twoColumns('合计', '￥1.00', 12)).toEqual(['合计  ￥1.00']);
    expect(twoColumns('一二三四五', '￥100.00', 12)).toEqual(['一二三四五', '    ￥100.00']);
  });
});

describe('renderSaleReceipt', () => {
  it.each([42, 32] as const)(
    'lays out a Chinese receipt at %d columns with every part present',
    (width) => {
      const r = renderSaleReceipt(sale, 'zh-CN', { width });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const ops = decodeEscPos(r.value);
      const lines = textLines(ops);
      // Every line fits the paper; the store name is printed double width.
      const sizes: number[] = [];
      let size = 1;
      for (const o of ops) {
        if (o.op === 'size') size = o.width;
        if (o.op === 'text') sizes.push(size);
      }
      lines.forEach((l, i) => expect(displayWidth(l) * (sizes[i] ?? 1)).toBeLessThanOrEqual(width));
      const all = lines.join('\n');
      expect(all).toContain('时间：2025-03-08 14:30:05');
      expect(all).toContain('小票号：R20250308-0042');
      expect(all).toContain('M / 驼色');
      expect(all).toContain('2 x ￥99.00');
      expect(all).toContain('-￥149.70');
      expect(all).toContain('-￥100.00');
      expect(all).toContain('￥1,247.30');
      expect(all).toContain('微信支付');
      expect(all).toContain('8810');
      expect(lines.find((l) => l.startsWith('合计'))).toMatch(/^合计 +￥1,247\.30$/);
      expect(ops).toContainEqual({
        op: 'qr',
        data: sale.receiptUrl,
        moduleSize: width === 42 ? 6 : 4,
        errorCorrection: 'M',
      });
      expect(ops).toContainEqual({ op: 'code128', data: sale.saleId });
      expect(ops.some((o) => o.op === 'cut')).toBe(true);
      expect(ops.some((o) => o.op === 'drawer')).toBe(false);
    },
  );

  it('prints English labels and kicks the drawer when asked', () => {
    const r = renderSaleReceipt(sale, 'en', { openDrawer: true });
    if (!r.ok) throw new Error(r.error.message);
    const ops = decodeEscPos(r.value);
    expect(textLines(ops).join('\n')).toMatch(
      /Receipt No\.: R20250308-0042[\s\S]*TOTAL +￥1,247\.30/,
    );
    expect(ops[ops.length - 1]).toEqual({ op: 'drawer', pin: 2, onMs: 50, offMs: 500 });
  });

  it('rejects bad sales with a typed error', () => {
    expect(renderSaleReceipt({ ...sale, totalFen: 12.5 }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'invalid-sale' },
    });
    expect(renderSaleReceipt({ ...sale, saleId: '销售1' }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'invalid-sale' },
    });
    expect(renderSaleReceipt({ ...sale, lines: [] }, 'en')).toMatchObject({ ok: false });
    expect(renderSaleReceipt(null, 'en')).toMatchObject({ ok: false });
    expect(renderSaleReceipt(sale, 'en', { timeZone: 'Mars/Base' })).toMatchObject({ ok: false });
  });
});
