import { useTranslation } from 'react-i18next';
import type { ApprovalView, SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';

/** Waiting approvals (remove item, price override, void) with what each one would do. */
export function StaffApprovals({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const name = (label: { zh: string; en: string } | null) =>
    label ? (language === 'en' ? label.en : label.zh) : '';
  const overrides = view.staffDesk?.overrides ?? [];
  const describe = (a: ApprovalView) => {
    if (a.kind === 'void') return t('desk.voidApproval');
    if (a.kind === 'remove-item') return t('staff.removeItem', { name: name(a.name) });
    const o = overrides.find((x) => x.approvalId === a.approvalId);
    if (!o) return t('desk.overrideApproval', { name: name(a.name), from: '', to: '', reason: '' });
    return t('desk.overrideApproval', {
      name: name(o.name),
      from: formatYuan(o.fromCents),
      to: formatYuan(o.toCents),
      reason: t(`desk.reasons.${o.reason}`),
    });
  };
  const waiting = view.approvals.filter((a) => a.status === 'waiting');
  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('staff.approvals')}</h2>
      {waiting.length === 0 && <p>{t('staff.noApprovals')}</p>}
      <ul>
        {waiting.map((a) => (
          <li key={a.approvalId} className={`approval approval-${a.kind}`}>
            <span>{describe(a)}</span>
            <button
              type="button"
              className="primary"
              onClick={() =>
                void kiosk['staff.decide']({ approvalId: a.approvalId, approve: true })
              }
            >
              {t('staff.approve')}
            </button>
            <button
              type="button"
              onClick={() =>
                void kiosk['staff.decide']({ approvalId: a.approvalId, approve: false })
              }
            >
              {t('staff.refuse')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
