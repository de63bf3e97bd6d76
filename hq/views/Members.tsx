/**
 * Members by home store: RFM segments (members and value) and how members moved between segments
 * since last month, repeat purchase, cohort retention by join month, tiers and consent, NPS by
 * store and week.
 */
import { useTranslation } from 'react-i18next';
import { NO_SEGMENT, ratio, RFM_SEGMENTS, ViewRoutes } from '../../cloud/hq-api';
import { barChart, heatmap, lineChart } from '../charts/options';
import { ChartCard, Kpi } from '../components/ChartCard';
import { Loaded, useFormat, useStoreName } from './common';
import type { Drill } from '../state/drill';
import { part, ratioOf, rowsOf } from './links';
import { useView } from './use-view';

const npsOf = (r: { responses: number; promoters: number; detractors: number }) =>
  r.responses > 0 ? ((r.promoters - r.detractors) / r.responses) * 100 : null;

/** A tier's share of members who gave a consent: those who did over all (not erased). */
const consentRate = (tier: string | undefined, consent: string): Drill =>
  ratioOf(
    'consentRate',
    'pct',
    [part(rowsOf('members', { tier, consent }))],
    [part(rowsOf('members', { tier }))],
  );

/** NPS: 100 × (promoters − detractors) / answers, of a store's week. */
function npsFigure(where: { week: string; storeId: string }): Drill {
  const band = (b: string, negate = false) =>
    part(rowsOf('nps', { ...where, band: b }), 'rows', negate);
  return ratioOf(
    'nps',
    'dec',
    [band('promoter'), band('detractor', true)],
    [part(rowsOf('nps', where))],
    100,
  );
}

export function Members() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const storeName = useStoreName();
  const answer = useView(ViewRoutes.members);
  const segName = (s: string) => t(`members.segments.${s}`, { defaultValue: s });
  return (
    <Loaded answer={answer}>
      {(d) => {
        const rfm = d.rfm;
        const moveAxis = [NO_SEGMENT, ...RFM_SEGMENTS];
        const cohortMonths = [
          ...new Set(d.cohorts.flatMap((c) => c.months.map((m) => m.month))),
        ].sort();
        const weeks = [...new Set(d.nps.map((n) => n.week))].sort();
        const npsStores = [...new Set(d.nps.map((n) => n.storeId))].sort();
        const movers = rfm ? rfm.moves.filter((m) => m.from !== m.to) : [];
        return (
          <>
            <div className="kpis">
              <Kpi
                label={t('members.buyers')}
                value={fmt('int')(d.repeat.buyers)}
                link={rowsOf('member-months')}
              />
              <Kpi
                label={t('members.repeaters')}
                value={fmt('int')(d.repeat.repeaters)}
                link={rowsOf('member-months', { repeaters: 'yes' })}
              />
              <Kpi
                label={t('members.repeatRate')}
                value={fmt('pct')(ratio(d.repeat.repeaters, d.repeat.buyers))}
                link={ratioOf(
                  'repeatRate',
                  'pct',
                  [part(rowsOf('member-months', { repeaters: 'yes' }))],
                  [part(rowsOf('member-months'))],
                )}
              />
              {rfm ? (
                <Kpi
                  label={t('members.snapshot')}
                  value={rfm.asOf}
                  hint={t('members.snapshotHint')}
                />
              ) : null}
            </div>
            {rfm ? (
              <ChartCard
                title={t('members.segmentsTitle')}
                name="members-rfm-segments"
                table={{
                  columns: [
                    { key: 'segment', label: t('members.segment'), kind: 'text' },
                    { key: 'members', label: t('members.members'), kind: 'int' },
                    { key: 'value', label: t('members.value'), kind: 'money' },
                    { key: 'perMember', label: t('members.valuePerMember'), kind: 'money' },
                  ],
                  rows: rfm.segments.map((s) => ({
                    key: s.segment,
                    cells: {
                      segment: { value: segName(s.segment) },
                      members: {
                        value: s.members,
                        link: rowsOf('rfm-members', { segment: s.segment }),
                      },
                      value: {
                        value: s.monetaryCents,
                        link: rowsOf('rfm-members', { segment: s.segment }),
                      },
                      perMember: {
                        value: ratio(s.monetaryCents, s.members),
                        link: ratioOf(
                          'perMember',
                          'money',
                          [part(rowsOf('rfm-members', { segment: s.segment }), 'netCents')],
                          [part(rowsOf('rfm-members', { segment: s.segment }))],
                        ),
                      },
                    },
                  })),
                }}
                chart={barChart(
                  rfm.segments.map((s) => segName(s.segment)),
                  [{ name: t('members.members'), data: rfm.segments.map((s) => s.members) }],
                  fmt('int'),
                )}
                pickLink={(_s, i) => rowsOf('rfm-members', { segment: rfm.segments[i]?.segment })}
              />
            ) : null}
            {rfm ? (
              <ChartCard
                title={t('members.movesTitle', { from: rfm.previousMonth ?? '', to: rfm.month })}
                name="members-rfm-moves"
                table={{
                  columns: [
                    { key: 'from', label: t('members.from'), kind: 'text' },
                    { key: 'to', label: t('members.to'), kind: 'text' },
                    { key: 'members', label: t('members.members'), kind: 'int' },
                  ],
                  rows: movers.map((m) => ({
                    key: `${m.from}>${m.to}`,
                    cells: {
                      from: { value: segName(m.from) },
                      to: { value: segName(m.to) },
                      members: {
                        value: m.members,
                        link: rowsOf('rfm-members', { fromSegment: m.from, segment: m.to }),
                      },
                    },
                  })),
                }}
                chart={heatmap(
                  moveAxis.map(segName),
                  moveAxis.map(segName),
                  movers.map((m) => [moveAxis.indexOf(m.to), moveAxis.indexOf(m.from), m.members]),
                  fmt('int'),
                  { x: t('members.to'), y: t('members.from') },
                )}
                chartHeight={380}
                pickLink={(_s, i) => {
                  const m = movers[i];
                  return m ? rowsOf('rfm-members', { fromSegment: m.from, segment: m.to }) : null;
                }}
              />
            ) : null}
            <ChartCard
              wide
              title={t('members.cohorts')}
              name="members-cohorts"
              note={t('members.cohortsNote')}
              table={{
                columns: [
                  { key: 'join', label: t('members.joinMonth'), kind: 'text' },
                  { key: 'size', label: t('members.members'), kind: 'int' },
                  ...cohortMonths.map((m) => ({
                    key: m,
                    label: m.slice(0, 7),
                    kind: 'int' as const,
                  })),
                ],
                rows: d.cohorts.map((c) => ({
                  key: c.joinMonth,
                  cells: {
                    join: { value: c.joinMonth.slice(0, 7) },
                    size: { value: c.size, link: rowsOf('members', { joinMonth: c.joinMonth }) },
                    ...Object.fromEntries(
                      cohortMonths.map((m) => [
                        m,
                        {
                          value: c.months.find((x) => x.month === m)?.active ?? 0,
                          link: rowsOf('member-months', { joinMonth: c.joinMonth, month: m }),
                        },
                      ]),
                    ),
                  },
                })),
              }}
              chart={heatmap(
                cohortMonths.map((m) => m.slice(0, 7)),
                d.cohorts.map((c) => c.joinMonth.slice(0, 7)),
                d.cohorts.flatMap((c, y) =>
                  c.months.map((m): [number, number, number] => [
                    cohortMonths.indexOf(m.month),
                    y,
                    c.size > 0 ? m.active / c.size : 0,
                  ]),
                ),
                fmt('pct'),
              )}
              chartHeight={380}
            />
            <ChartCard
              title={t('members.tiers')}
              name="members-tiers"
              table={{
                columns: [
                  { key: 'tier', label: t('members.tier'), kind: 'text' },
                  { key: 'members', label: t('members.members'), kind: 'int' },
                  { key: 'profile', label: t('members.consentProfile'), kind: 'pct' },
                  { key: 'marketing', label: t('members.consentMarketing'), kind: 'pct' },
                  { key: 'photo', label: t('members.consentPhoto'), kind: 'pct' },
                ],
                rows: d.tiers.map((r) => ({
                  key: r.tier,
                  cells: {
                    tier: { value: t(`tiers.${r.tier}`, { defaultValue: r.tier }) },
                    members: { value: r.members, link: rowsOf('members', { tier: r.tier }) },
                    profile: {
                      value: ratio(r.consentProfile, r.members),
                      link: consentRate(r.tier, 'profile'),
                    },
                    marketing: {
                      value: ratio(r.consentMarketing, r.members),
                      link: consentRate(r.tier, 'marketing'),
                    },
                    photo: {
                      value: ratio(r.consentPhoto, r.members),
                      link: consentRate(r.tier, 'photo'),
                    },
                  },
                })),
              }}
              chart={barChart(
                d.tiers.map((r) => t(`tiers.${r.tier}`, { defaultValue: r.tier })),
                [
                  {
                    name: t('members.consentProfile'),
                    data: d.tiers.map((r) => ratio(r.consentProfile, r.members)),
                  },
                  {
                    name: t('members.consentMarketing'),
                    data: d.tiers.map((r) => ratio(r.consentMarketing, r.members)),
                  },
                ],
                fmt('pct'),
              )}
              pickLink={(s, i) => consentRate(d.tiers[i]?.tier, s === 0 ? 'profile' : 'marketing')}
            />
            <ChartCard
              wide
              title={t('members.nps')}
              name="members-nps"
              note={d.nps.length === 0 ? t('members.npsEmpty') : t('members.npsNote')}
              table={{
                columns: [
                  { key: 'week', label: t('members.week'), kind: 'text' },
                  { key: 'store', label: t('common.store'), kind: 'store' },
                  { key: 'responses', label: t('members.responses'), kind: 'int' },
                  { key: 'promoters', label: t('members.promoters'), kind: 'int' },
                  { key: 'passives', label: t('members.passives'), kind: 'int' },
                  { key: 'detractors', label: t('members.detractors'), kind: 'int' },
                  { key: 'nps', label: 'NPS', kind: 'dec' },
                ],
                rows: d.nps.map((r) => ({
                  key: `${r.week}|${r.storeId}`,
                  cells: {
                    week: { value: r.week },
                    store: { value: r.storeId, text: storeName(r.storeId) },
                    responses: {
                      value: r.responses,
                      link: rowsOf('nps', { week: r.week, storeId: r.storeId }),
                    },
                    promoters: {
                      value: r.promoters,
                      link: rowsOf('nps', { week: r.week, storeId: r.storeId, band: 'promoter' }),
                    },
                    passives: {
                      value: r.passives,
                      link: rowsOf('nps', { week: r.week, storeId: r.storeId, band: 'passive' }),
                    },
                    detractors: {
                      value: r.detractors,
                      link: rowsOf('nps', { week: r.week, storeId: r.storeId, band: 'detractor' }),
                    },
                    nps: { value: npsOf(r), link: npsFigure(r) },
                  },
                })),
              }}
              chart={lineChart(
                weeks,
                npsStores.map((st) => ({
                  name: storeName(st),
                  data: weeks.map((w) => {
                    const r = d.nps.find((x) => x.week === w && x.storeId === st);
                    return r ? npsOf(r) : null;
                  }),
                })),
                fmt('dec'),
              )}
              pickLink={(s, i) => rowsOf('nps', { week: weeks[i], storeId: npsStores[s] })}
            />
          </>
        );
      }}
    </Loaded>
  );
}
