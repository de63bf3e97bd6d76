import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../bridge/areas/sync';
import type { SyncTaskView } from '../../bridge/views';
import { useAppState, useKiosk } from '../store/context';
import { formatYuan } from '../store/selectors';

/**
 * The tasks the member cloud raised for things this kiosk did offline and it refused (a coupon
 * used at another checkout, points overdrawn, an order out of stock), each with when and an
 * audited "done". Re-read whenever the sync status changes while some are open.
 */
export function StaffTasks({ status }: { status: SyncStatusView | null }) {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const language = useAppState((state) => state.language);
  const [tasks, setTasks] = useState<SyncTaskView[]>([]);
  const open = status?.openStaffTasks ?? 0;
  useEffect(() => {
    if (open === 0) {
      setTasks([]);
      return;
    }
    let live = true;
    void kiosk['staff.syncTasks']({}).then((r) => live && r.ok && r.value && setTasks(r.value));
    return () => {
      live = false;
    };
  }, [kiosk, open, status]);
  /** What happened, in plain words of the current language (members by id only). */
  const message = (task: SyncTaskView) => {
    const unknown = t('syncTasks.unknown');
    // points redeemed are unknown when the refused mutation is gone from the outbox
    const key =
      task.kind === 'points-overdrawn' && task.points === null
        ? 'syncTasks.pointsOverdrawnNoAmount'
        : `syncTasks.${task.kind}`;
    return t(key, {
      coupon: task.couponCode ?? unknown,
      amount: task.discountCents === null ? unknown : formatYuan(task.discountCents),
      member: task.memberId ?? unknown,
      points: task.points ?? unknown,
      balance: task.balance ?? unknown,
      order: task.orderId ?? unknown,
      code: task.errorCode ?? unknown,
    });
  };
  const resolve = async (taskId: string) => {
    const r = await kiosk['staff.resolveSyncTask']({ taskId });
    if (r.ok && r.value) setTasks(r.value);
  };
  if (tasks.length === 0) return null;
  return (
    <section className="panel sync-tasks" aria-labelledby="sync-tasks-title">
      <h2 id="sync-tasks-title">{t('syncTasks.title')}</h2>
      <p>{t('syncTasks.count', { count: tasks.length })}</p>
      <ul>
        {tasks.map((task, index) => (
          <li key={task.taskId} className={`sync-task sync-task-${task.kind}`}>
            <div className="sync-task-text">
              <p id={`sync-task-${index}`}>{message(task)}</p>
              <p className="sync-task-meta">
                <time dateTime={task.createdAt}>
                  {new Date(task.createdAt).toLocaleString(language)}
                </time>
                {task.saleId && <span> · {t('syncTasks.sale', { sale: task.saleId })}</span>}
              </p>
            </div>
            <button
              type="button"
              aria-describedby={`sync-task-${index}`}
              onClick={() => void resolve(task.taskId)}
            >
              {t('syncTasks.done')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
