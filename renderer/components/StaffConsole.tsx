import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../bridge/schemas';
import type { SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';

/** Requests, approvals and device health for the signed-in staff member. */
export function StaffConsole({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  useEffect(() => {
    void kiosk['device.list']({}).then((r) => r.ok && setDevices(r.value));
    return kiosk.on(
      'device.status',
      () => void kiosk['device.list']({}).then((r) => r.ok && setDevices(r.value)),
    );
  }, [kiosk]);
  const name = (label: { zh: string; en: string } | null) =>
    label ? (language === 'en' ? label.en : label.zh) : '';
  const waiting = view.approvals.filter((a) => a.status === 'waiting');
  return (
    <div className="staff-console">
      <section className="panel" aria-labelledby="approvals-title">
        <h2 id="approvals-title">{t('staff.approvals')}</h2>
        {waiting.length === 0 && <p>{t('staff.noApprovals')}</p>}
        <ul>
          {waiting.map((a) => (
            <li key={a.approvalId}>
              <span>{t('staff.removeItem', { name: name(a.name) })}</span>
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
      {view.role === 'staff' && (
        <section className="panel" aria-labelledby="requests-title">
          <h2 id="requests-title">{t('staff.requests')}</h2>
          {view.requests.length === 0 && <p>{t('staff.noRequests')}</p>}
          <ul>
            {view.requests.map((r) => (
              <li key={r.requestId}>
                <span>
                  {t(`staff.requestKind.${r.kind}`, {
                    place: r.place,
                    name: name(r.name),
                    size: r.size ?? '',
                  })}
                </span>
                {r.status === 'waiting' && (
                  <button
                    type="button"
                    onClick={() =>
                      void kiosk['staff.updateRequest']({
                        requestId: r.requestId,
                        status: 'on-the-way',
                      })
                    }
                  >
                    {t('staff.onMyWay')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() =>
                    void kiosk['staff.updateRequest']({ requestId: r.requestId, status: 'done' })
                  }
                >
                  {t('staff.markDone')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.role === 'staff' && (
        <section className="panel" aria-labelledby="devices-title">
          <h2 id="devices-title">{t('staff.devices')}</h2>
          <ul>
            {devices.map((d) => (
              <li key={d.id} className={`device-${d.state}`}>
                {t('staff.device', { id: d.id, state: d.state, reads: d.reads, errors: d.errors })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
