import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../bridge/schemas';
import { useAppState } from '../store/context';
import { colorName, formatYuan, isDiscounted, productName } from '../store/selectors';

export function ProductCard({ product }: { product: ProductView }) {
  const { t } = useTranslation();
  const language = useAppState((state) => state.language);
  return (
    <article className="product-card" aria-labelledby="product-name" data-sku={product.sku}>
      <h1 id="product-name" className="product-name">
        {productName(product, language)}
      </h1>
      <p className="product-style">{product.styleId}</p>
      <dl className="product-facts">
        <div>
          <dt>{t('product.color')}</dt>
          <dd>{colorName(product, language)}</dd>
        </div>
        <div>
          <dt>{t('product.size')}</dt>
          <dd>{product.size}</dd>
        </div>
        <div>
          <dt>{t('product.price')}</dt>
          <dd className="product-price">
            {formatYuan(product.priceCents)}
            {isDiscounted(product) && (
              <s className="product-list-price">{formatYuan(product.listPriceCents)}</s>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('product.stockHere')}</dt>
          <dd className={product.stockHere > 0 ? 'in-stock' : 'out-of-stock'}>
            {product.stockHere > 0
              ? t('product.inStock', { count: product.stockHere })
              : t('product.outOfStock')}
          </dd>
        </div>
      </dl>
    </article>
  );
}
