/**
 * Fitting room: per store, style, colour and size — tried → liked → bought, where "bought" is the
 * visit's basket or the same member within 7 days in any channel (each way its own column: tried
 * in the store, bought online shows as online). Sessions, garments per session, size requests and
 * how long staff took to bring them.
 */
import { useTranslation } from 'react-i18next';
import { ratio, ViewRoutes, type Funnel } from '../../cloud/hq-api';
import { barChart, lineChart } from '../charts/options';
import { ChartCard, Kpi } from '../components/ChartCard';
import type { Cell, Column } from '../components/table-spec';
import { daysOf, Loaded, useFormat, useStoreName, useStyleLabel } from './common';
import { part, ratioOf, rowsOf } from './links';
import { usePickStyle } from './pick-style';
import { useView } from './use-view';

/** The funnel columns of a table row, each number opening its garments. */
/** Average time to bring a size: the brought requests' seconds over how many were brought. */
function bringTime(where: Record<string, string | undefined> = {}) {
  const brought = rowsOf('size-requests', { ...where, brought: 'yes' });
  return ratioOf('bringTime', 'seconds', [part(brought, 'bringSeconds')], [part(brought)]);
}

function funnelCells(f: Funnel, where: Record<string, string | undefined>): Record<string, Cell> {
  const g = (stage: string) => rowsOf('garments', { ...where, stage });
  return {
    garments: { value: f.garments, link: g('tried') },
    liked: { value: f.likedOrBought, link: g('liked') },
    bought: { value: f.bought, link: g('bought') },
    conversion: {
      value: ratio(f.bought, f.garments),
      link: ratioOf('conversion', 'pct', [part(g('bought'))], [part(g('tried'))]),
    },
    visit: { value: f.boughtVisit, link: g('visit') },
    store: { value: f.boughtStore, link: g('store') },
    online: { value: f.boughtOnline, link: g('online') },
    miniapp: { value: f.boughtMiniapp, link: g('miniapp') },
  };
}

export function FittingRoom() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const storeName = useStoreName();
  const styleLabel = useStyleLabel();
  const answer = useView(ViewRoutes.fittingRoom);
  const pickStyle = usePickStyle();
  const funnelColumns: Column[] = [
    { key: 'garments', label: t('fitting.tried'), kind: 'int' },
    { key: 'liked', label: t('fitting.liked'), kind: 'int' },
    { key: 'bought', label: t('fitting.bought'), kind: 'int' },
    { key: 'conversion', label: t('fitting.conversion'), kind: 'pct' },
    { key: 'visit', label: t('fitting.boughtVisit'), kind: 'int' },
    { key: 'store', label: t('fitting.boughtStore'), kind: 'int' },
    { key: 'online', label: t('fitting.boughtOnline'), kind: 'int' },
    { key: 'miniapp', label: t('fitting.boughtMiniapp'), kind: 'int' },
  ];
  return (
    <Loaded answer={answer}>
      {(d) => {
        const tot = d.totals;
        const req = tot.sizeRequests;
        const days = daysOf(d.filters.from, d.filters.to);
        const day = (x: string) => d.byDay.find((r) => r.day === x);
        const stages = (f: Funnel) => [f.garments, f.likedOrBought, f.bought];
        return (
          <>
            <div className="kpis">
              <Kpi
                label={t('fitting.sessions')}
                value={fmt('int')(tot.sessions)}
                link={rowsOf('visits')}
              />
              <Kpi
                label={t('fitting.tried')}
                value={fmt('int')(tot.garments)}
                link={rowsOf('garments', { stage: 'tried' })}
              />
              <Kpi
                label={t('fitting.perSession')}
                value={fmt('dec')(ratio(tot.garments, tot.sessions))}
                link={ratioOf(
                  'perSession',
                  'dec',
                  [part(rowsOf('garments', { stage: 'tried' }))],
                  [part(rowsOf('visits'))],
                )}
              />
              <Kpi
                label={t('fitting.liked')}
                value={fmt('int')(tot.likedOrBought)}
                link={rowsOf('garments', { stage: 'liked' })}
              />
              <Kpi
                label={t('fitting.bought')}
                value={fmt('int')(tot.bought)}
                link={rowsOf('garments', { stage: 'bought' })}
              />
              <Kpi
                label={t('fitting.conversion')}
                value={fmt('pct')(ratio(tot.bought, tot.garments))}
                link={ratioOf(
                  'conversion',
                  'pct',
                  [part(rowsOf('garments', { stage: 'bought' }))],
                  [part(rowsOf('garments', { stage: 'tried' }))],
                )}
              />
              <Kpi
                label={t('fitting.boughtOnline')}
                value={fmt('int')(tot.boughtOnline + tot.boughtMiniapp)}
                link={ratioOf(
                  'boughtLater',
                  'int',
                  [
                    part(rowsOf('garments', { stage: 'online' })),
                    part(rowsOf('garments', { stage: 'miniapp' })),
                  ],
                  [],
                )}
                hint={t('fitting.laterHint')}
              />
              <Kpi
                label={t('fitting.sizeRequests')}
                value={fmt('int')(req.requests)}
                link={rowsOf('size-requests')}
              />
              <Kpi
                label={t('fitting.bringTime')}
                value={fmt('seconds')(ratio(req.bringSeconds, req.brought))}
                link={bringTime()}
              />
              <Kpi
                label={t('fitting.outOfStock')}
                value={fmt('int')(req.outOfStock)}
                link={rowsOf('size-requests', { outOfStock: 'yes' })}
              />
            </div>
            <ChartCard
              wide
              title={t('fitting.byStore')}
              name="fitting-room-by-store"
              table={{
                columns: [
                  { key: 'store', label: t('common.store'), kind: 'store' },
                  { key: 'sessions', label: t('fitting.sessions'), kind: 'int' },
                  ...funnelColumns,
                  { key: 'requests', label: t('fitting.sizeRequests'), kind: 'int' },
                  { key: 'bring', label: t('fitting.bringTime'), kind: 'seconds' },
                  { key: 'oos', label: t('fitting.outOfStock'), kind: 'int' },
                ],
                rows: d.byStore.map((r) => ({
                  key: r.storeId,
                  cells: {
                    store: { value: r.storeId, text: storeName(r.storeId) },
                    sessions: { value: r.sessions, link: rowsOf('visits', { storeId: r.storeId }) },
                    ...funnelCells(r, { storeId: r.storeId }),
                    requests: {
                      value: r.sizeRequests.requests,
                      link: rowsOf('size-requests', { storeId: r.storeId }),
                    },
                    bring: {
                      value: ratio(r.sizeRequests.bringSeconds, r.sizeRequests.brought),
                      link: bringTime({ storeId: r.storeId }),
                    },
                    oos: {
                      value: r.sizeRequests.outOfStock,
                      link: rowsOf('size-requests', { storeId: r.storeId, outOfStock: 'yes' }),
                    },
                  },
                })),
              }}
              chart={barChart(
                d.byStore.map((r) => storeName(r.storeId)),
                [
                  { name: t('fitting.tried'), data: d.byStore.map((r) => r.garments) },
                  { name: t('fitting.liked'), data: d.byStore.map((r) => r.likedOrBought) },
                  { name: t('fitting.bought'), data: d.byStore.map((r) => r.bought) },
                ],
                fmt('int'),
              )}
              pickLink={(s, i) =>
                rowsOf('garments', {
                  storeId: d.byStore[i]?.storeId,
                  stage: ['tried', 'liked', 'bought'][s],
                })
              }
            />
            <ChartCard
              wide
              title={t('fitting.byStyle')}
              name="fitting-room-by-style"
              note={t('fitting.pickStyle')}
              onStyle={pickStyle}
              table={{
                columns: [
                  { key: 'style', label: t('common.style'), kind: 'style' },
                  ...funnelColumns,
                ],
                rows: d.byStyle.map((r) => ({
                  key: r.styleId,
                  cells: { style: { value: r.styleId }, ...funnelCells(r, { styleId: r.styleId }) },
                })),
              }}
              chart={barChart(
                d.byStyle.slice(0, 15).map((r) => styleLabel(r.styleId)),
                [
                  { name: t('fitting.tried'), data: d.byStyle.slice(0, 15).map((r) => r.garments) },
                  { name: t('fitting.bought'), data: d.byStyle.slice(0, 15).map((r) => r.bought) },
                ],
                fmt('int'),
                { horizontal: true },
              )}
              chartHeight={420}
              pickLink={(s, i) =>
                rowsOf('garments', {
                  styleId: d.byStyle[i]?.styleId,
                  stage: s === 0 ? 'tried' : 'bought',
                })
              }
            />
            {d.byVariant.length > 0 ? (
              <ChartCard
                wide
                title={t('fitting.byVariant', { style: styleLabel(d.filters.style ?? '') })}
                name="fitting-room-by-variant"
                table={{
                  columns: [
                    { key: 'colour', label: t('common.colour'), kind: 'text' },
                    { key: 'size', label: t('common.size'), kind: 'text' },
                    ...funnelColumns,
                  ],
                  rows: d.byVariant.map((r) => ({
                    key: r.sku,
                    cells: {
                      colour: { value: r.colorCode },
                      size: { value: r.size },
                      ...funnelCells(r, { sku: r.sku }),
                    },
                  })),
                }}
              />
            ) : null}
            <ChartCard
              wide
              title={t('fitting.byDay')}
              name="fitting-room-by-day"
              table={{
                columns: [
                  { key: 'day', label: t('common.day'), kind: 'text' },
                  { key: 'sessions', label: t('fitting.sessions'), kind: 'int' },
                  ...funnelColumns,
                ],
                rows: days.map((x) => {
                  const r = day(x);
                  return {
                    key: x,
                    cells: {
                      day: { value: x },
                      sessions: { value: r?.sessions ?? 0, link: rowsOf('visits', { day: x }) },
                      ...funnelCells(
                        r ?? {
                          ...tot,
                          garments: 0,
                          likedOrBought: 0,
                          bought: 0,
                          boughtVisit: 0,
                          boughtStore: 0,
                          boughtOnline: 0,
                          boughtMiniapp: 0,
                        },
                        { day: x },
                      ),
                    },
                  };
                }),
              }}
              chart={lineChart(
                days,
                [t('fitting.tried'), t('fitting.liked'), t('fitting.bought')].map((name, s) => ({
                  name,
                  data: days.map((x) => {
                    const r = day(x);
                    return r ? (stages(r)[s] ?? 0) : 0;
                  }),
                })),
                fmt('int'),
              )}
              pickLink={(s, i) =>
                rowsOf('garments', { day: days[i], stage: ['tried', 'liked', 'bought'][s] })
              }
            />
          </>
        );
      }}
    </Loaded>
  );
}
