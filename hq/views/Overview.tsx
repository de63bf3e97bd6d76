/**
 * Overview: sales, orders, AOV, UPT, members' share and new members for the stores, the online
 * store and the mini-program side by side, by day and by hour. Every number opens its sales.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  averageOrderCents,
  HQ_CHANNELS,
  memberShare,
  unitsPerOrder,
  ViewRoutes,
  type HqChannel,
  type SalesSums,
} from '../../cloud/hq-api';
import { barChart, lineChart } from '../charts/options';
import { ChartCard, Kpi } from '../components/ChartCard';
import type { Column, Row } from '../components/table-spec';
import type { ValueKind } from '../format';
import { daysOf, Loaded, useFormat } from './common';
import type { Drill } from '../state/drill';
import { part, ratioOf, rowsOf, sumOf } from './links';
import { useView } from './use-view';

const METRICS = ['netCents', 'orders', 'aov', 'upt', 'memberShare'] as const;
type Metric = (typeof METRICS)[number];
const KIND: Record<Metric, ValueKind> = {
  netCents: 'money',
  orders: 'int',
  aov: 'money2',
  upt: 'dec',
  memberShare: 'pct',
};

function metricOf(s: SalesSums | undefined, m: Metric): number | null {
  if (!s) return null;
  if (m === 'aov') return averageOrderCents(s);
  if (m === 'upt') return unitsPerOrder(s);
  if (m === 'memberShare') return memberShare(s);
  return s[m];
}

/** What a metric of some sales is computed from: their rows, summed or counted. */
function metricLink(m: Metric, where: Record<string, string | number | undefined> = {}): Drill {
  const sales = rowsOf('sales', where);
  if (m === 'netCents') return sumOf('netSales', 'money', part(sales, 'netCents'));
  if (m === 'aov') return ratioOf('aov', 'money2', [part(sales, 'netCents')], [part(sales)]);
  if (m === 'upt') return ratioOf('upt', 'dec', [part(sales, 'units')], [part(sales)]);
  if (m === 'memberShare')
    return ratioOf(
      'memberShare',
      'pct',
      [part(rowsOf('sales', { ...where, member: 'yes' }), 'netCents')],
      [part(sales, 'netCents')],
    );
  return sales;
}

const add = (a: SalesSums, b: SalesSums): SalesSums => ({
  netCents: a.netCents + b.netCents,
  orders: a.orders + b.orders,
  units: a.units + b.units,
  memberNetCents: a.memberNetCents + b.memberNetCents,
  memberOrders: a.memberOrders + b.memberOrders,
});
const ZERO: SalesSums = { netCents: 0, orders: 0, units: 0, memberNetCents: 0, memberOrders: 0 };

export function Overview() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const answer = useView(ViewRoutes.overview);
  const [metric, setMetric] = useState<Metric>('netCents');
  return (
    <Loaded answer={answer}>
      {(d) => {
        const channels = HQ_CHANNELS.filter((c) => d.filters.channels.includes(c));
        const all = d.byChannel.reduce(add, ZERO);
        const f = fmt(KIND[metric]);
        const days = daysOf(d.filters.from, d.filters.to);
        const at = (day: string, c: HqChannel) =>
          d.byDay.find((r) => r.day === day && r.channel === c);
        const atHour = (h: number, c: HqChannel) =>
          d.byHour.find((r) => r.hour === h && r.channel === c);
        const hours = Array.from({ length: 24 }, (_, h) => h);
        const channelColumns: Column[] = channels.map((c) => ({
          key: c,
          label: t(`channels.${c}`),
          kind: KIND[metric],
        }));
        const metricPicker = (
          <label className="inline">
            {t('overview.metric')}{' '}
            <select
              value={metric}
              onChange={(e) => setMetric(METRICS.find((m) => m === e.target.value) ?? 'netCents')}
            >
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`overview.metrics.${m}`)}
                </option>
              ))}
            </select>
          </label>
        );
        return (
          <>
            <div className="kpis">
              <Kpi
                label={t('overview.metrics.netCents')}
                value={fmt('money')(all.netCents)}
                link={metricLink('netCents')}
              />
              <Kpi
                label={t('overview.metrics.orders')}
                value={fmt('int')(all.orders)}
                link={rowsOf('sales')}
              />
              <Kpi
                label={t('overview.metrics.aov')}
                value={fmt('money2')(averageOrderCents(all))}
                link={metricLink('aov')}
              />
              <Kpi
                label={t('overview.metrics.upt')}
                value={fmt('dec')(unitsPerOrder(all))}
                link={metricLink('upt')}
              />
              <Kpi
                label={t('overview.metrics.memberShare')}
                value={fmt('pct')(memberShare(all))}
                link={metricLink('memberShare')}
              />
              <Kpi
                label={t('overview.newMembers')}
                value={fmt('int')(d.newMembers.total)}
                link={rowsOf('members')}
              />
            </div>
            <ChartCard
              title={t('overview.byChannel')}
              name="overview-by-channel"
              table={{
                columns: [
                  { key: 'channel', label: t('overview.channel'), kind: 'text' },
                  ...METRICS.map((m): Column => ({
                    key: m,
                    label: t(`overview.metrics.${m}`),
                    kind: KIND[m],
                  })),
                ],
                rows: d.byChannel.map((s): Row => ({
                  key: s.channel,
                  cells: {
                    channel: { value: t(`channels.${s.channel}`) },
                    ...Object.fromEntries(
                      METRICS.map((m) => [
                        m,
                        {
                          value: metricOf(s, m),
                          link: metricLink(m, { channel: s.channel }),
                        },
                      ]),
                    ),
                  },
                })),
              }}
              chart={barChart(
                d.byChannel.map((s) => t(`channels.${s.channel}`)),
                [
                  {
                    name: t('overview.metrics.netCents'),
                    data: d.byChannel.map((s) => s.netCents),
                  },
                ],
                fmt('money'),
              )}
              pickLink={(_s, i) => rowsOf('sales', { channel: d.byChannel[i]?.channel })}
            />
            <ChartCard
              wide
              title={t('overview.byDay', { metric: t(`overview.metrics.${metric}`) })}
              name={`overview-${metric}-by-day`}
              note={metricPicker}
              table={{
                columns: [{ key: 'day', label: t('common.day'), kind: 'text' }, ...channelColumns],
                rows: days.map((day) => ({
                  key: day,
                  cells: {
                    day: { value: day },
                    ...Object.fromEntries(
                      channels.map((c) => [
                        c,
                        {
                          value: metricOf(at(day, c) ?? ZERO, metric),
                          link: metricLink(metric, { day, channel: c }),
                        },
                      ]),
                    ),
                  },
                })),
              }}
              chart={lineChart(
                days,
                channels.map((c) => ({
                  name: t(`channels.${c}`),
                  data: days.map((day) => metricOf(at(day, c) ?? ZERO, metric)),
                })),
                f,
              )}
              pickLink={(s, i) => metricLink(metric, { day: days[i], channel: channels[s] })}
            />
            <ChartCard
              title={t('overview.byHour', { metric: t(`overview.metrics.${metric}`) })}
              name={`overview-${metric}-by-hour`}
              note={t('overview.hourNote')}
              table={{
                columns: [
                  { key: 'hour', label: t('common.hour'), kind: 'text' },
                  ...channelColumns,
                ],
                rows: hours.map((h) => ({
                  key: String(h),
                  cells: {
                    hour: { value: `${String(h).padStart(2, '0')}:00` },
                    ...Object.fromEntries(
                      channels.map((c) => [
                        c,
                        {
                          value: metricOf(atHour(h, c) ?? ZERO, metric),
                          link: metricLink(metric, { hour: h, channel: c }),
                        },
                      ]),
                    ),
                  },
                })),
              }}
              chart={barChart(
                hours.map((h) => String(h).padStart(2, '0')),
                channels.map((c) => ({
                  name: t(`channels.${c}`),
                  data: hours.map((h) => metricOf(atHour(h, c) ?? ZERO, metric)),
                })),
                f,
              )}
              pickLink={(s, i) => metricLink(metric, { hour: i, channel: channels[s] })}
            />
            <ChartCard
              title={t('overview.newMembersByDay')}
              name="overview-new-members"
              table={{
                columns: [
                  { key: 'day', label: t('common.day'), kind: 'text' },
                  { key: 'members', label: t('overview.newMembers'), kind: 'int' },
                ],
                rows: d.newMembers.byDay.map((r) => ({
                  key: r.day,
                  cells: {
                    day: { value: r.day },
                    members: { value: r.members, link: rowsOf('members', { day: r.day }) },
                  },
                })),
              }}
              chart={barChart(
                d.newMembers.byDay.map((r) => r.day),
                [
                  {
                    name: t('overview.newMembers'),
                    data: d.newMembers.byDay.map((r) => r.members),
                  },
                ],
                fmt('int'),
              )}
              pickLink={(_s, i) => rowsOf('members', { day: d.newMembers.byDay[i]?.day })}
            />
          </>
        );
      }}
    </Loaded>
  );
}
