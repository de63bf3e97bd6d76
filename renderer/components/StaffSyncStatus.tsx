import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../bridge/areas/sync';
import { useAppState, useKiosk } from '../store/context';
import { FirstSyncProgress } from './FirstSyncProgress';
import { StaffTasks } from './StaffTasks';

type Outcome =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; pushed: number; pulled: number }
  | { state: 'failed' };

/**
 * How this kiosk stands with the member cloud, an audited "sync now" for staff, and the open
 * tasks from sync rejections (StaffTasks).
 */
export function StaffSyncStatus() {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  useEffect(() => {
    void kiosk['sync.status']({}).then((r) => r.ok && setStatus(r.value));
    return kiosk.on('sync.status', setStatus);
  }, [kiosk]);
  const time = (iso: string) => new Date(iso).toLocaleString(language);
  const syncNow = async () => {
    setOutcome({ state: 'running' });
    const result = await kiosk['staff.syncNow']({});
    if (!result.ok || !result.value) return setOutcome({ state: 'failed' });
    setStatus(result.value.status);
    setOutcome(
      result.value.ok
        ? { state: 'done', pushed: result.value.pushed, pulled: result.value.pulledRows }
        : { state: 'failed' },
    );
  };
  return (
    <>
      <section className="panel sync-status" aria-labelledby="sync-title">
        <h2 id="sync-title">{t('desk.syncTitle')}</h2>
        {status && (
          <ul>
            <li className={`connectivity-${status.connectivity}`}>
              {t('desk.connection', { state: t(`desk.connectivity.${status.connectivity}`) })}
            </li>
            <li>{t('desk.queueDepth', { count: status.queueDepth })}</li>
            {status.oldestPendingAgeMs !== null && (
              <li>
                {t('desk.oldest', { minutes: Math.floor(status.oldestPendingAgeMs / 60_000) })}
              </li>
            )}
            <li>
              {t('desk.lastSuccess', {
                at: status.lastSuccessAt ? time(status.lastSuccessAt) : t('desk.never'),
              })}
            </li>
            <li>
              {status.lastError
                ? t('desk.lastError', { message: status.lastError.message })
                : t('desk.noError')}
            </li>
          </ul>
        )}
        {status?.firstSync && <FirstSyncProgress progress={status.firstSync} />}
        <button
          type="button"
          className="primary"
          disabled={outcome.state === 'running'}
          onClick={() => void syncNow()}
        >
          {t('desk.syncNow')}
        </button>
        <p role="status" className="sync-outcome">
          {outcome.state === 'running' && t('desk.syncing')}
          {outcome.state === 'done' &&
            t('desk.syncDone', { pushed: outcome.pushed, pulled: outcome.pulled })}
          {outcome.state === 'failed' && t('desk.syncFailed')}
        </p>
      </section>
      {/* open tasks from sync rejections, with "done" */}
      <StaffTasks status={status} />
    </>
  );
}
