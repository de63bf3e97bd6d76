/**
 * Campaigns: the list, the new-campaign form (marketing), and one campaign's page with its
 * result: targeted and control members, redemption rate, revenue per member in each arm, and the
 * uplift with its 95 % confidence interval. `#/campaigns?id=CMP0001` opens one campaign's page.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_WRITERS,
  type Campaign,
  type CampaignList,
  type CampaignResult,
  type CampaignResultSchema,
} from '../../cloud/hq-api';
import { campaignsApi } from '../api/campaigns';
import { barChart } from '../charts/options';
import { ChartCard, Kpi } from '../components/ChartCard';
import { useHq, useHqStore } from '../state/context';
import { csrfOf } from '../state/store';
import { CampaignForm } from './CampaignForm';
import './campaigns.css';
import { Loaded, useFormat } from './common';
import type { ViewAnswer } from './use-view';

type Load<T> =
  { state: 'loading' } | { state: 'error'; code: string } | { state: 'ready'; data: T };

const selectedFromHash = () => /[?&]id=(CMP[0-9]+)/.exec(window.location.hash)?.[1] ?? null;

export function Campaigns() {
  const { t } = useTranslation();
  const role = useHq((s) => (s.auth.status === 'signed-in' ? s.auth.session.user.role : null));
  const today = useHq((s) => s.meta?.dataRange.last ?? null);
  const [list, setList] = useState<Load<CampaignList>>({ state: 'loading' });
  const [selected, setSelected] = useState<string | null>(selectedFromHash);
  const reload = useCallback(() => {
    void campaignsApi.list().then((r) => {
      setList(r.ok ? { state: 'ready', data: r.value } : { state: 'error', code: r.error.code });
    });
  }, []);
  useEffect(reload, [reload]);
  const open = (id: string) => setSelected(id);
  const writer = role !== null && CAMPAIGN_WRITERS.includes(role);
  const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <div className="view-body">
      {selected ? <CampaignPage id={selected} writer={writer} onChange={reload} /> : null}
      <CampaignTable list={list} onOpen={open} />
      {writer ? (
        <CampaignForm
          today={today && today > now ? today : now}
          onCreated={(c) => {
            reload();
            open(c.campaignId);
          }}
        />
      ) : null}
      {list.state === 'error' ? (
        <p role="alert" className="error">
          {t(`errors.${list.code}`, { defaultValue: t('errors.other') })}
        </p>
      ) : null}
    </div>
  );
}

function offerText(c: Campaign, t: (k: string) => string, money: (v: number) => string): string {
  const { kind, value, minSpendCents } = c.offer;
  const what = kind === 'amount' ? money(value) : kind === 'percent' ? `${value}%` : `×${value}`;
  return `${t(`campaigns.kinds.${kind}`)} ${what}${minSpendCents ? ` ≥ ${money(minSpendCents)}` : ''}`;
}

function CampaignTable(props: { list: Load<CampaignList>; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (props.list.state !== 'ready') return null;
  const rows = props.list.data.campaigns;
  return (
    <section className="card wide" aria-label={t('campaigns.list')}>
      <h2>{t('campaigns.list')}</h2>
      {rows.length === 0 ? (
        <p>{t('campaigns.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('campaigns.name')}</th>
              <th scope="col">{t('campaigns.segments')}</th>
              <th scope="col">{t('campaigns.offer')}</th>
              <th scope="col">{t('campaigns.schedule')}</th>
              <th scope="col">{t('campaigns.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.campaignId}>
                <td>
                  <button
                    type="button"
                    className="num-link"
                    onClick={() => props.onOpen(c.campaignId)}
                  >
                    {c.name}
                  </button>
                </td>
                <td>
                  {c.segments
                    .map((s) => t(`members.segments.${s}`, { defaultValue: s }))
                    .join('、')}
                </td>
                <td>{offerText(c, t, fmt('money2'))}</td>
                <td>
                  {c.startsOn} – {c.endsOn}
                </td>
                <td>{t(`campaigns.status.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CampaignPage(props: { id: string; writer: boolean; onChange: () => void }) {
  const [answer, setAnswer] = useState<ViewAnswer<typeof CampaignResultSchema>>({
    state: 'loading',
  });
  useEffect(() => {
    let gone = false;
    void campaignsApi.result(props.id).then((r) => {
      if (!gone)
        setAnswer(
          r.ok ? { state: 'ready', data: r.value } : { state: 'error', code: r.error.code },
        );
    });
    return () => {
      gone = true;
    };
  }, [props.id]);
  return (
    <Loaded answer={answer}>
      {(data) => (
        <CampaignBody
          data={data}
          writer={props.writer}
          onAnswer={setAnswer}
          onChange={props.onChange}
        />
      )}
    </Loaded>
  );
}

function CampaignBody(props: {
  data: CampaignResult;
  writer: boolean;
  onAnswer: (a: ViewAnswer<typeof CampaignResultSchema>) => void;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const store = useHqStore();
  const fmt = useFormat();
  const { campaign: c, treatment, control, uplift, asOf } = props.data;
  const money = fmt('money2');
  const launch = async () => {
    const csrf = csrfOf(store.getState());
    if (!csrf) return;
    const r = await campaignsApi.launch(c.campaignId, csrf);
    props.onAnswer(
      r.ok ? { state: 'ready', data: r.value } : { state: 'error', code: r.error.code },
    );
    props.onChange();
  };
  const armRow = (key: 'treatment' | 'control', a: CampaignResult['treatment']) => ({
    key,
    cells: {
      arm: { value: t(`campaigns.arms.${key}`) },
      members: { value: a.members },
      redeemers: { value: a.redeemers },
      rate: { value: a.redemptionRate },
      revenue: { value: a.revenueCents },
      perMember: { value: a.revenuePerMemberCents },
    },
  });
  return (
    <section className="campaign-page" aria-label={c.name} data-campaign={c.campaignId}>
      <h2>
        {c.name} <span className="badge">{t(`campaigns.status.${c.status}`)}</span>
      </h2>
      <p className="note">
        {offerText(c, t, money)} · {c.startsOn} – {c.endsOn}
        {c.birthdayMonth ? ` · ${t('campaigns.birthdayMonth')}` : ''} · {t('campaigns.controlPct')}{' '}
        {c.controlPct} · {c.couponCode ? `${t('campaigns.code')} ${c.couponCode} · ` : ''}
        {t('campaigns.asOf', { day: asOf })}
      </p>
      {c.status === 'draft' && props.writer ? (
        <button type="button" className="primary" onClick={() => void launch()}>
          {t('campaigns.launch')}
        </button>
      ) : null}
      <div className="kpis">
        <Kpi label={t('campaigns.targeted')} value={fmt('int')(treatment.members)} />
        <Kpi label={t('campaigns.control')} value={fmt('int')(control.members)} />
        <Kpi label={t('campaigns.redemptionRate')} value={fmt('pct')(treatment.redemptionRate)} />
        <Kpi
          label={t('campaigns.revenueTreatment')}
          value={money(treatment.revenuePerMemberCents)}
        />
        <Kpi label={t('campaigns.revenueControl')} value={money(control.revenuePerMemberCents)} />
        <Kpi
          label={t('campaigns.uplift')}
          value={uplift ? money(uplift.perMemberCents) : '—'}
          hint={
            uplift
              ? `[${money(uplift.ciLowCents)}, ${money(uplift.ciHighCents)}]${uplift.relative === null ? '' : ` · ${t('campaigns.relative')} ${fmt('pct')(uplift.relative)}`}`
              : t('campaigns.upliftNone')
          }
        />
      </div>
      <ChartCard
        wide
        title={t('campaigns.chart')}
        name={`campaign-${c.campaignId}`}
        chart={barChart(
          [t('campaigns.arms.treatment'), t('campaigns.arms.control')],
          [
            {
              name: t('campaigns.perMember'),
              data: [treatment.revenuePerMemberCents, control.revenuePerMemberCents],
            },
          ],
          money,
        )}
        chartHeight={220}
        table={{
          columns: [
            { key: 'arm', label: t('campaigns.arm'), kind: 'text' },
            { key: 'members', label: t('campaigns.members'), kind: 'int' },
            { key: 'redeemers', label: t('campaigns.redeemers'), kind: 'int' },
            { key: 'rate', label: t('campaigns.redemptionRate'), kind: 'pct' },
            { key: 'revenue', label: t('campaigns.revenue'), kind: 'money' },
            { key: 'perMember', label: t('campaigns.perMember'), kind: 'money2' },
          ],
          rows: [armRow('treatment', treatment), armRow('control', control)],
        }}
      />
    </section>
  );
}
