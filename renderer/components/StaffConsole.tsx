import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../bridge/schemas';
import type { SessionView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { MemberPanel } from './MemberPanel';
import { StaffApprovals } from './StaffApprovals';
import { StaffCheckoutTools } from './StaffCheckoutTools';
import { StaffGuidedSession } from './StaffGuidedSession';
import { StaffSyncStatus } from './StaffSyncStatus';

/**
 * The signed-in staff member's console. At a checkout: approvals and the checkout tools (price
 * override, void). On the staff screen: approvals, member panel, guided session, requests, device
 * health and sync status.
 */
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
  const staffScreen = view.role === 'staff';
  const guided = staffScreen && view.sessionId !== null;
  return (
    <div className="staff-console">
      <StaffApprovals view={view} />
      {view.role === 'checkout' && <StaffCheckoutTools view={view} />}
      {/* With a customer, their guided session comes first; the member panel follows. */}
      {guided && <StaffGuidedSession view={view} />}
      {staffScreen && <MemberPanel member={view.staffDesk?.memberPanel ?? null} />}
      {staffScreen && !guided && <StaffGuidedSession view={view} />}
      {staffScreen && (
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
      {staffScreen && (
        <div className="health">
          <section className="panel" aria-labelledby="devices-title">
            <h2 id="devices-title">{t('staff.devices')}</h2>
            <ul>
              {devices.map((d) => (
                <li key={d.id} className={`device-${d.state}`}>
                  {t('staff.device', {
                    id: d.id,
                    state: d.state,
                    reads: d.reads,
                    errors: d.errors,
                  })}
                </li>
              ))}
            </ul>
          </section>
          <StaffSyncStatus />
        </div>
      )}
    </div>
  );
}
