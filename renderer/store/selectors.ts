/** Pure selectors: plain objects in, display values out. */
import type { ProductView } from '../../bridge/schemas';
import type { Language } from '../i18n';

/** Integer fen → "¥1,234.50": the one way money is shown. */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

export function productName(product: ProductView, language: Language): string {
  return language === 'en' ? product.name.en : product.name.zh;
}

export function colorName(product: ProductView, language: Language): string {
  return language === 'en' ? product.color.en : product.color.zh;
}

export function isDiscounted(product: ProductView): boolean {
  return product.priceCents < product.listPriceCents;
}
