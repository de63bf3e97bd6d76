/**
 * The receipt of a paid sale: printed on the ESC/POS printer when there is one and it answers,
 * an e-receipt otherwise. Prints once per sale (the job id is the sale id).
 */
import type { KioskConfig } from '../../config';
import { renderSaleReceipt } from '../../../device/printer';
import type { CheckoutBasket } from './checkout-pricing';
import type { CartLine } from './visit';

export type PrintReceipt = (jobId: string, bytes: Uint8Array) => Promise<boolean>;

export async function printOrSend(
  printer: PrintReceipt | undefined,
  sale: {
    saleId: string;
    basket: CheckoutBasket;
    lines: readonly CartLine[];
    storeId: string;
    language: KioskConfig['language'];
    at: Date;
  },
): Promise<'printed' | 'e-receipt'> {
  if (!printer) return 'e-receipt';
  const { saleId, basket } = sale;
  const receipt = renderSaleReceipt(
    {
      storeName: sale.storeId,
      time: sale.at,
      receiptNo: saleId.slice(0, 8).toUpperCase(),
      saleId,
      lines: basket.lines.map((l) => {
        const item = sale.lines.find((x) => x.item.sku === l.sku)?.item;
        return {
          name: item?.nameZh ?? l.sku,
          size: item?.size,
          qty: l.qty,
          unitFen: l.unitPriceCents,
          amountFen: l.amountCents,
        };
      }),
      discounts: basket.discounts
        .filter((d) => d.amountCents > 0)
        .map((d) => ({ label: d.label.zh, amountFen: d.amountCents })),
      totalFen: basket.totalCents,
      payment: { method: 'mobile', amountFen: basket.totalCents },
      receiptUrl: `https://receipts.example.com/${saleId}`,
    },
    sale.language,
  );
  if (!receipt.ok) return 'e-receipt';
  return (await printer(`receipt-${saleId}`, receipt.value)) ? 'printed' : 'e-receipt';
}
