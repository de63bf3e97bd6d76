/**
 * Why not bought: the shoppers' "not for me" reasons per style (too small, too big, colour, style,
 * price), each style's fit signal (runs small / runs large when one side clearly dominates), the
 * most rejected styles, and per store for the style picked.
 */
import { useTranslation } from 'react-i18next';
import {
  ratio,
  TRYON_REASONS,
  ViewRoutes,
  type FitSignal,
  type ReasonCounts,
} from '../../cloud/hq-api';
import { barChart } from '../charts/options';
import { ChartCard, Kpi } from '../components/ChartCard';
import type { Cell, Column } from '../components/table-spec';
import { Loaded, useFormat, useStoreName, useStyleLabel } from './common';
import { part, ratioOf, rowsOf } from './links';
import { usePickStyle } from './pick-style';
import { useView } from './use-view';

const REASON_KEYS = {
  'too-small': 'tooSmall',
  'too-big': 'tooBig',
  colour: 'colour',
  style: 'style',
  price: 'price',
} as const satisfies Record<(typeof TRYON_REASONS)[number], keyof ReasonCounts>;

/** The dominant side's share of a style's fit answers: its garments over both sides'. */
function fitShare(styleId: string, small: boolean) {
  const side = (reason: string) => part(rowsOf('garments', { styleId, reason }));
  return ratioOf(
    'fitShare',
    'pct',
    [side(small ? 'too-small' : 'too-big')],
    [side('too-small'), side('too-big')],
  );
}

function reasonCells(
  r: ReasonCounts,
  where: Record<string, string | undefined>,
): Record<string, Cell> {
  return Object.fromEntries([
    ['rejected', { value: r.rejected, link: rowsOf('garments', { ...where, stage: 'rejected' }) }],
    [
      'rate',
      {
        value: ratio(r.rejected, r.garments),
        link: ratioOf(
          'rejectRate',
          'pct',
          [part(rowsOf('garments', { ...where, stage: 'rejected' }))],
          [part(rowsOf('garments', { ...where, stage: 'tried' }))],
        ),
      },
    ],
    ...TRYON_REASONS.map((reason) => [
      reason,
      { value: r[REASON_KEYS[reason]], link: rowsOf('garments', { ...where, reason }) },
    ]),
  ]);
}

/** One colour per reason in every chart (too small warm, too big cool). */
const REASON_COLOURS: Record<(typeof TRYON_REASONS)[number], string> = {
  'too-small': '#c2410c',
  'too-big': '#1f5fa8',
  colour: '#0f766e',
  style: '#7c3aed',
  price: '#475569',
};

const FIT_TONE: Record<FitSignal['verdict'], Cell['tone']> = {
  'runs-small': 'warn',
  'runs-large': 'warn',
  'true-to-size': 'ok',
  'too-few': 'muted',
};

export function Reasons() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const storeName = useStoreName();
  const styleLabel = useStyleLabel();
  const answer = useView(ViewRoutes.reasons);
  const pickStyle = usePickStyle();
  const reasonColumns: Column[] = [
    { key: 'rejected', label: t('reasons.rejected'), kind: 'int' },
    { key: 'rate', label: t('reasons.rejectedRate'), kind: 'pct' },
    ...TRYON_REASONS.map((r): Column => ({ key: r, label: t(`reasons.names.${r}`), kind: 'int' })),
  ];
  return (
    <Loaded answer={answer}>
      {(d) => {
        const fitted = d.byStyle
          .filter((s) => s.fit.verdict !== 'too-few')
          .sort((a, b) => {
            const flagged = (x: typeof a) =>
              x.fit.verdict === 'runs-small' || x.fit.verdict === 'runs-large' ? 1 : 0;
            return (
              flagged(b) - flagged(a) ||
              b.fit.lowerBound - a.fit.lowerBound ||
              a.styleId.localeCompare(b.styleId)
            );
          });
        const top = d.byStyle.slice(0, 15);
        // the chart shows the styles that run small or large (or, when none does, the most answered)
        const flagged = fitted.filter((s) => FIT_TONE[s.fit.verdict] === 'warn');
        const charted = (flagged.length > 0 ? flagged : fitted).slice(0, 20);
        return (
          <>
            <div className="kpis">
              <Kpi
                label={t('reasons.rejected')}
                value={fmt('int')(d.totals.rejected)}
                link={rowsOf('garments', { stage: 'rejected' })}
              />
              {TRYON_REASONS.map((r) => (
                <Kpi
                  key={r}
                  label={t(`reasons.names.${r}`)}
                  value={fmt('int')(d.totals[REASON_KEYS[r]])}
                  link={rowsOf('garments', { reason: r })}
                />
              ))}
            </div>
            <ChartCard
              wide
              title={t('reasons.fit')}
              name="reasons-fit-signal"
              note={t('reasons.fitNote')}
              onStyle={pickStyle}
              table={{
                columns: [
                  { key: 'style', label: t('common.style'), kind: 'style' },
                  { key: 'verdict', label: t('reasons.fitVerdict'), kind: 'badge' },
                  { key: 'small', label: t('reasons.names.too-small'), kind: 'int' },
                  { key: 'large', label: t('reasons.names.too-big'), kind: 'int' },
                  { key: 'share', label: t('reasons.fitShare'), kind: 'pct' },
                ],
                rows: fitted.map((s) => ({
                  key: s.styleId,
                  tone: FIT_TONE[s.fit.verdict] === 'warn' ? 'warn' : undefined,
                  cells: {
                    style: { value: s.styleId },
                    verdict: {
                      value: s.fit.verdict,
                      text: t(`reasons.verdicts.${s.fit.verdict}`),
                      tone: FIT_TONE[s.fit.verdict],
                    },
                    small: {
                      value: s.fit.small,
                      link: rowsOf('garments', { styleId: s.styleId, reason: 'too-small' }),
                    },
                    large: {
                      value: s.fit.large,
                      link: rowsOf('garments', { styleId: s.styleId, reason: 'too-big' }),
                    },
                    share: {
                      value: s.fit.share,
                      link: fitShare(s.styleId, s.fit.small >= s.fit.large),
                    },
                  },
                })),
              }}
              chart={barChart(
                charted.map((s) => styleLabel(s.styleId)),
                [
                  {
                    name: t('reasons.names.too-small'),
                    data: charted.map((s) => -s.fit.small),
                    stack: 'fit',
                    color: REASON_COLOURS['too-small'],
                  },
                  {
                    name: t('reasons.names.too-big'),
                    data: charted.map((s) => s.fit.large),
                    stack: 'fit',
                    color: REASON_COLOURS['too-big'],
                  },
                ],
                (v) => fmt('int')(Math.abs(v)),
                { horizontal: true },
              )}
              chartHeight={480}
              pickLink={(s, i) =>
                rowsOf('garments', {
                  styleId: charted[i]?.styleId,
                  reason: s === 0 ? 'too-small' : 'too-big',
                })
              }
            />
            <ChartCard
              wide
              title={t('reasons.mostRejected')}
              name="reasons-by-style"
              onStyle={pickStyle}
              table={{
                columns: [
                  { key: 'style', label: t('common.style'), kind: 'style' },
                  { key: 'tried', label: t('fitting.tried'), kind: 'int' },
                  ...reasonColumns,
                  { key: 'verdict', label: t('reasons.fitVerdict'), kind: 'badge' },
                ],
                rows: d.byStyle.map((s) => ({
                  key: s.styleId,
                  cells: {
                    style: { value: s.styleId },
                    tried: { value: s.garments, link: rowsOf('garments', { styleId: s.styleId }) },
                    ...reasonCells(s, { styleId: s.styleId }),
                    verdict: {
                      value: s.fit.verdict,
                      text: t(`reasons.verdicts.${s.fit.verdict}`),
                      tone: FIT_TONE[s.fit.verdict],
                    },
                  },
                })),
              }}
              chart={barChart(
                top.map((s) => styleLabel(s.styleId)),
                TRYON_REASONS.map((r) => ({
                  name: t(`reasons.names.${r}`),
                  data: top.map((s) => s[REASON_KEYS[r]]),
                  stack: 'reasons',
                  color: REASON_COLOURS[r],
                })),
                fmt('int'),
                { horizontal: true },
              )}
              chartHeight={420}
              pickLink={(s, i) =>
                rowsOf('garments', { styleId: top[i]?.styleId, reason: TRYON_REASONS[s] })
              }
            />
            <ChartCard
              wide
              title={
                d.filters.style
                  ? t('reasons.byStoreOf', { style: styleLabel(d.filters.style) })
                  : t('reasons.byStore')
              }
              name="reasons-by-store"
              table={{
                columns: [
                  { key: 'store', label: t('common.store'), kind: 'store' },
                  { key: 'tried', label: t('fitting.tried'), kind: 'int' },
                  ...reasonColumns,
                ],
                rows: d.byStore.map((s) => ({
                  key: s.storeId,
                  cells: {
                    store: { value: s.storeId, text: storeName(s.storeId) },
                    tried: { value: s.garments, link: rowsOf('garments', { storeId: s.storeId }) },
                    ...reasonCells(s, { storeId: s.storeId }),
                  },
                })),
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}
