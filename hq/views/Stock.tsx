/**
 * Sales and stock: sell-through and weeks of cover per style, slow movers per store (in stock and
 * no sale for N days, or tried again and again since it last sold), and the sizes shoppers asked
 * for at a mirror while the store had none (lost demand).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewRoutes } from '../../cloud/hq-api';
import { barChart } from '../charts/options';
import { ChartCard } from '../components/ChartCard';
import { formatInstant } from '../format';
import { useHq } from '../state/context';
import { Loaded, useFormat, useStoreName, useStyleLabel } from './common';
import { part, ratioOf, rowsOf, sumOf } from './links';
import { useView } from './use-view';

export function Stock() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const storeName = useStoreName();
  const styleLabel = useStyleLabel();
  const language = useHq((s) => s.language);
  const [slowDays, setSlowDays] = useState(28);
  const answer = useView(ViewRoutes.stock, slowDays);
  const top = (n: number) => (d: { styleId: string }[]) => d.slice(0, n);
  return (
    <>
      <label className="inline slow-days">
        {t('stock.slowDays')}{' '}
        <input
          type="number"
          min={1}
          max={365}
          value={slowDays}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 1 && v <= 365) setSlowDays(v);
          }}
        />
      </label>
      <Loaded answer={answer}>
        {(d) => {
          const chartStyles = top(20)(d.byStyle).map((s) => s.styleId);
          return (
            <>
              <ChartCard
                wide
                title={t('stock.byStyle')}
                name="stock-by-style"
                table={{
                  columns: [
                    { key: 'style', label: t('common.style'), kind: 'style' },
                    { key: 'sold', label: t('stock.unitsSold'), kind: 'int' },
                    { key: 'net', label: t('stock.net'), kind: 'money' },
                    { key: 'onHand', label: t('stock.onHand'), kind: 'int' },
                    { key: 'sellThrough', label: t('stock.sellThrough'), kind: 'pct' },
                    { key: 'weekly', label: t('stock.weeklyUnits'), kind: 'dec' },
                    { key: 'cover', label: t('stock.weeksOfCover'), kind: 'dec' },
                  ],
                  rows: d.byStyle.map((s) => {
                    const sold = part(rowsOf('sales', { styleId: s.styleId }), 'units');
                    const held = part(rowsOf('stock', { styleId: s.styleId }), 'onHand');
                    const recent = part(
                      rowsOf('sales', { styleId: s.styleId, since: d.recent.from }),
                      'units',
                    );
                    return {
                      key: s.styleId,
                      cells: {
                        style: { value: s.styleId },
                        sold: { value: s.unitsSold, link: sumOf('unitsSold', 'int', sold) },
                        net: {
                          value: s.netCents,
                          link: sumOf(
                            'netSales',
                            'money',
                            part(rowsOf('sales', { styleId: s.styleId }), 'netCents'),
                          ),
                        },
                        onHand: { value: s.onHand, link: sumOf('onHand', 'int', held) },
                        sellThrough: {
                          value: s.sellThrough,
                          link: ratioOf('sellThrough', 'pct', [sold], [sold, held]),
                        },
                        weekly: {
                          value: s.weeklyUnits,
                          link: sumOf('weeklyUnits', 'dec', recent, 1 / d.recent.weeks),
                        },
                        cover: {
                          value: s.weeksOfCover,
                          link: ratioOf('weeksOfCover', 'dec', [held], [recent], d.recent.weeks),
                        },
                      },
                    };
                  }),
                }}
                chart={barChart(
                  chartStyles.map(styleLabel),
                  [
                    {
                      name: t('stock.sellThrough'),
                      data: d.byStyle.slice(0, 20).map((s) => s.sellThrough),
                    },
                  ],
                  fmt('pct'),
                  { horizontal: true },
                )}
                chartHeight={480}
                pickLink={(_s, i) => rowsOf('sales', { styleId: chartStyles[i] })}
              />
              <ChartCard
                wide
                title={t('stock.slowMovers', { days: d.slowDays })}
                name="stock-slow-movers"
                note={t('stock.slowNote', { days: d.slowDays })}
                table={{
                  columns: [
                    { key: 'store', label: t('common.store'), kind: 'store' },
                    { key: 'style', label: t('common.style'), kind: 'style' },
                    { key: 'onHand', label: t('stock.onHand'), kind: 'int' },
                    { key: 'lastSold', label: t('stock.lastSold'), kind: 'text' },
                    { key: 'tries', label: t('stock.triesSinceSale'), kind: 'int' },
                    { key: 'why', label: t('stock.why'), kind: 'badge' },
                  ],
                  rows: d.slowMovers.map((s) => ({
                    key: `${s.locationId}|${s.styleId}`,
                    cells: {
                      store: { value: s.locationId, text: storeName(s.locationId) },
                      style: { value: s.styleId },
                      onHand: {
                        value: s.onHand,
                        link: sumOf(
                          'onHand',
                          'int',
                          part(
                            rowsOf('stock', { storeId: s.locationId, styleId: s.styleId }),
                            'onHand',
                          ),
                        ),
                      },
                      lastSold: {
                        value: s.lastSoldAt
                          ? formatInstant(s.lastSoldAt, language)
                          : t('stock.never'),
                      },
                      tries: {
                        value: s.triesSinceSale,
                        link: rowsOf('garments', {
                          storeId: s.locationId,
                          styleId: s.styleId,
                          sinceSale: 'yes',
                        }),
                      },
                      why: {
                        value:
                          s.noSale && s.triedNotBought ? 'both' : s.noSale ? 'no-sale' : 'tried',
                        text:
                          s.noSale && s.triedNotBought
                            ? t('stock.whyBoth')
                            : s.noSale
                              ? t('stock.whyNoSale')
                              : t('stock.whyTried'),
                        tone: 'warn',
                      },
                    },
                  })),
                }}
              />
              <ChartCard
                wide
                title={t('stock.lostDemand')}
                name="stock-lost-demand"
                note={t('stock.lostNote')}
                table={{
                  columns: [
                    { key: 'store', label: t('common.store'), kind: 'store' },
                    { key: 'style', label: t('common.style'), kind: 'style' },
                    { key: 'colour', label: t('common.colour'), kind: 'text' },
                    { key: 'size', label: t('common.size'), kind: 'text' },
                    { key: 'requests', label: t('fitting.sizeRequests'), kind: 'int' },
                    { key: 'oos', label: t('fitting.outOfStock'), kind: 'int' },
                  ],
                  rows: d.lostDemand.map((r) => ({
                    key: `${r.storeId}|${r.sku}`,
                    cells: {
                      store: { value: r.storeId, text: storeName(r.storeId) },
                      style: { value: r.styleId },
                      colour: { value: r.colorCode },
                      size: { value: r.size },
                      requests: {
                        value: r.requests,
                        link: rowsOf('size-requests', { storeId: r.storeId, sku: r.sku }),
                      },
                      oos: {
                        value: r.outOfStock,
                        link: rowsOf('size-requests', {
                          storeId: r.storeId,
                          sku: r.sku,
                          outOfStock: 'yes',
                        }),
                      },
                    },
                  })),
                }}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}
